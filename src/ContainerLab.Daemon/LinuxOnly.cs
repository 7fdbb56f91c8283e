// containerlab talks to the Linux kernel (namespaces, cgroups, ptys); nothing here runs elsewhere.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
