using System.Text;
using System.Text.Json.Nodes;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Components.Kernel.Startup;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class RuntimeConfigModelTests
{
    /// <summary>The listing as a reader copies it: indent, key, value and comma of each line.</summary>
    private static string Copy(IEnumerable<ConfigLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
            text.Append(' ', line.Depth * 2).Append(line.Key is null ? "" : line.Key + ": ").Append(line.Text).Append(line.Comma ? "," : "").Append('\n');
        return text.ToString();
    }

    [Fact]
    public void Expanded_the_listing_is_the_same_json_document()
    {
        var model = RuntimeConfigModel.Parse(ConfigSamples.Typical);

        Assert.False(model.IsPlainText);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ConfigSamples.Typical), JsonNode.Parse(Copy(model.VisibleLines(_ => false)))));
    }

    [Fact]
    public void Short_scalar_containers_share_one_line_unless_a_part_has_a_note_of_its_own()
    {
        var model = RuntimeConfigModel.Parse(ConfigSamples.Typical);
        ConfigLine At(string path) => model.Lines.First(l => l.Path == path);

        Assert.Equal("{ \"type\": \"pid\" }", At("linux.namespaces[0]").Text);
        Assert.Equal("[\"nosuid\", \"noexec\", \"nodev\"]", At("mounts[0].options").Text);
        Assert.Equal("{ \"uid\": 0, \"gid\": 0, \"additionalGids\": [] }", At("process.user").Text);
        Assert.Equal("{", At("linux.resources.memory").Text); // limit and swap have notes
        Assert.Equal("[", At("linux.maskedPaths").Text);       // each path has a note
        Assert.Equal(model.Lines.Count - 1, model.Lines[0].End);
    }

    [Fact]
    public void Arrays_longer_than_the_threshold_collapse_and_hide_their_items()
    {
        var env = string.Join(", ", Enumerable.Range(1, RuntimeConfigModel.CollapseAbove + 1).Select(i => $"\"V{i}=x\""));
        var model = RuntimeConfigModel.Parse($$"""{ "process": { "env": [{{env}}], "args": ["sh"] } }""");

        var envLine = model.Lines.First(l => l.Path == "process.env");
        Assert.True(envLine.Collapsible);
        Assert.Equal(RuntimeConfigModel.CollapseAbove + 1, envLine.Count);
        var visible = model.VisibleLines(_ => true).Select(l => l.Path).ToList();
        Assert.DoesNotContain("process.env[0]", visible);
        Assert.Equal(["", "process", "process.env", "process.args", "process", ""], visible);
        Assert.Contains("process.env[16]", model.VisibleLines(_ => false).Select(l => l.Path));
    }

    [Fact]
    public void Plain_text_keeps_the_text_and_has_no_lines()
    {
        var model = RuntimeConfigModel.Parse(ConfigSamples.Malformed);

        Assert.True(model.IsPlainText);
        Assert.Equal(ConfigSamples.Malformed, model.Text);
        Assert.Empty(model.Lines);
        Assert.Equal(0, model.AnnotationCount);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_plain_text()
    {
        string deep = "{\"a\":" + new string('[', 100) + new string(']', 100) + "}";

        Assert.True(RuntimeConfigModel.Parse(deep).IsPlainText);
    }

    [Fact]
    public void Cpu_quota_without_a_period_uses_the_kernel_default_and_one_core_is_singular()
    {
        var model = RuntimeConfigModel.Parse("""{ "linux": { "resources": { "cpu": { "quota": 100000 } } } }""");

        Assert.StartsWith("= 1 core: at most 100 ms of CPU time every 100 ms", model.Lines.First(l => l.Path == "linux.resources.cpu.quota").Annotation);
    }

    [Fact]
    public void Without_a_user_namespace_the_summary_warns_and_unmapped_root_is_said()
    {
        var model = RuntimeConfigModel.Parse("""{ "linux": { "namespaces": [{ "type": "pid" }], "uidMappings": [{ "containerID": 1, "hostID": 5000, "size": 10 }] } }""");

        Assert.EndsWith("no user namespace, so root inside would be root on the host", model.Lines.First(l => l.Path == "linux.namespaces").Annotation);
        Assert.Equal("uid 0 inside is not mapped: root inside has no uid outside", model.Lines.First(l => l.Path == "linux.uidMappings").Annotation);
    }
}
