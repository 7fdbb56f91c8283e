namespace ContainerLab.TestSupport;

/// <summary>
/// The smallest lab an instructor might upload: one busybox node, one step whose check wants /root/hello, a Run block
/// that looks first and a solution that makes it. Its folder's files by path; <see cref="Manifest"/> is its lab.yaml.
/// </summary>
public static class HelloFilesLab
{
    public const string Id = "hello-files";

    public const string Manifest = """
        schema: 1
        title: Hello files
        nodes:
          node1:
            image: busybox
        steps:
          - id: make-a-file
            title: Make a file
            text: steps/01.md
            solution: steps/01-solution.sh
            checks:
              - script: steps/01-check.sh
        """;

    /// <summary>The folder's files; <paramref name="manifest"/> replaces lab.yaml (a lab with a planted mistake).</summary>
    public static IReadOnlyDictionary<string, string> Files(string manifest = Manifest) => new Dictionary<string, string>
    {
        ["lab.yaml"] = manifest,
        ["steps/01.md"] = "# Make a file\n\nLook first:\n\n```sh run\nls -la /root\n```\n\nThen make /root/hello.\n",
        ["steps/01-solution.sh"] = "touch /root/hello\n",
        ["steps/01-check.sh"] = "[ -f /root/hello ] || { echo '/root/hello is not there yet'; exit 1; }\n",
    };
}
