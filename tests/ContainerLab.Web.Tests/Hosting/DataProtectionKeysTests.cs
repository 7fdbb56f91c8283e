using ContainerLab.TestSupport;
using ContainerLab.Web.Hosting;

namespace ContainerLab.Web.Tests.Hosting;

/// <summary>keys/ under the data directory is made private, and tightened when a copy or restore widened it.</summary>
public sealed class DataProtectionKeysTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void A_new_keys_folder_is_0700()
    {
        using var data = new TempDirectory();
        var keys = DataProtectionKeys.Prepare(data.Path);
        Assert.Equal(Path.Combine(data.Path, "keys"), keys.FullName);
        Assert.Equal(Private, File.GetUnixFileMode(keys.FullName));
    }

    [Fact]
    public void An_existing_folder_and_its_keys_are_tightened()
    {
        using var data = new TempDirectory();
        string keys = Directory.CreateDirectory(data.Combine("keys")).FullName;
        File.SetUnixFileMode(keys, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string key = Path.Combine(keys, "key-1.xml");
        File.WriteAllText(key, "<key/>");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        DataProtectionKeys.Prepare(data.Path);

        Assert.Equal(Private, File.GetUnixFileMode(keys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }
}
