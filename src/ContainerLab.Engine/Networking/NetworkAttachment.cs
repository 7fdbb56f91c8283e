namespace ContainerLab.Engine.Networking;

/// <summary>A sandbox's place on a session network: its address and the host end of its veth pair.</summary>
public sealed record NetworkAttachment(string Session, string SandboxId, string Name, string Address, string HostVeth);
