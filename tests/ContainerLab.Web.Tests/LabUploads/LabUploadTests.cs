using System.IO.Compression;
using System.Net;
using System.Text;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Catalogue;
using ContainerLab.Web.LabUploads;
using ContainerLab.Web.Tests.Hosting;
using ContainerLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.LabUploads;

/// <summary>
/// Uploading a lab through the web's real pipeline (sign-in, antiforgery, the multipart form, the draft page): who may,
/// what a mistake shows (file and line), what a hostile zip leaves behind (nothing), a Killercoda scenario converted.
/// </summary>
public sealed class LabUploadTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();

    public async Task InitializeAsync()
    {
        await _web.PrepareAsync();
        await _web.CreateAccountAsync("teacher", Roles.Instructor);
        await _web.CreateAccountAsync("other-teacher", Roles.Instructor);
        await _web.CreateAccountAsync("student", Roles.Student);
    }

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    internal const string GoodManifest = HelloFilesLab.Manifest;

    /// <summary>The lab hello-files as a zip of its folder; <paramref name="manifest"/> replaces its lab.yaml.</summary>
    internal static MemoryStream LabZip(string folder = HelloFilesLab.Id, string manifest = GoodManifest) =>
        LabArchiveTests.Zip([.. HelloFilesLab.Files(manifest).Select(f => ($"{folder}/{f.Key}", f.Value))]);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, Stream zip, string fileName = "hello-files.zip")
    {
        string page = await browser.GetStringAsync("/labs/manage");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestWeb.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StreamContent(zip), LabUploadEndpoints.FileField, fileName },
        };
        return await browser.PostAsync("/labs/drafts", form);
    }

    private string DraftsFolder => _web.Services.GetRequiredService<LabDrafts>().DraftsDirectory;

    [Fact]
    public async Task A_lab_with_a_mistake_opens_a_draft_that_names_the_file_and_line_and_cannot_be_published()
    {
        var teacher = await _web.SignedInAsync("teacher");
        var broken = GoodManifest.Replace("image: busybox", "image: busybox\n    memory: lots");
        var response = await UploadAsync(teacher, LabZip(manifest: broken));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        string draftPath = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/labs/drafts/", draftPath);
        string html = WebUtility.HtmlDecode(await teacher.GetStringAsync(draftPath));
        Assert.Contains("1 problem: not accepted", html);
        Assert.Contains("lab.yaml:6", html); // memory: lots is on line 6
        Assert.Contains("data-line=\"6\"", html);
        Assert.DoesNotContain("class=\"publish\"", html); // no tester, no publish for a lab with problems
        var draft = _web.Services.GetRequiredService<LabDrafts>().Of(OwnerId("teacher")).Single();
        Assert.False(draft.CanTest);
        Assert.Throws<InvalidOperationException>(() => _web.Services.GetRequiredService<LabDrafts>().Publish(draft));

        // Another instructor: the draft is not theirs, so it does not exist.
        var other = await _web.SignedInAsync("other-teacher");
        Assert.Contains("No such upload", await other.GetStringAsync(draftPath));
    }

    private string OwnerId(string userName)
    {
        using var scope = _web.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Account>>().FindByNameAsync(userName).Result!.Id;
    }

    [Fact]
    public async Task A_valid_lab_is_valid_and_waits_for_its_test()
    {
        var teacher = await _web.SignedInAsync("teacher");
        var response = await UploadAsync(teacher, LabZip());
        string html = WebUtility.HtmlDecode(await teacher.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Valid: 1 steps, nodes node1 (busybox)", html);
        Assert.Contains("Not tested yet.", html);
        Assert.Contains("Publishing needs a passing run of the tester", html);
        var draft = _web.Services.GetRequiredService<LabDrafts>().Of(OwnerId("teacher")).Single();
        Assert.Equal("hello-files", draft.LabId);
        Assert.True(draft.CanTest);
        Assert.False(draft.CanPublish);
    }

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("student", "/account/denied")]
    public async Task Only_instructors_upload(string? user, string sentTo)
    {
        var browser = user is null ? _web.Browser() : await _web.SignedInAsync(user);
        var page = await browser.GetAsync("/labs/manage");
        Assert.Equal(sentTo, page.Headers.Location!.AbsolutePath);
        // A post with a token from a page they may see (the start page) is refused too, and nothing is unpacked.
        string start = await browser.GetStringAsync("/");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestWeb.AntiforgeryToken(start)), "__RequestVerificationToken" },
            { new StreamContent(LabZip()), LabUploadEndpoints.FileField, "hello-files.zip" },
        };
        var post = await browser.PostAsync("/labs/drafts", form);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(sentTo, post.Headers.Location!.AbsolutePath);
        Assert.False(Directory.Exists(DraftsFolder) && Directory.EnumerateFileSystemEntries(DraftsFolder).Any());
    }

    [Fact]
    public async Task A_hostile_zip_is_refused_with_its_reason_and_leaves_nothing()
    {
        var teacher = await _web.SignedInAsync("teacher");
        var evil = LabArchiveTests.Zip(("hello-files/lab.yaml", GoodManifest), ("hello-files/../../../etc/cron.d/evil", "* * * * * root sh\n"));
        var response = await UploadAsync(teacher, evil);
        Assert.Equal(LabUploadEndpoints.ManagePath, response.Headers.Location!.OriginalString);
        string html = WebUtility.HtmlDecode(await teacher.GetStringAsync(LabUploadEndpoints.ManagePath));
        Assert.Contains("The upload was refused, nothing of it was kept: 'hello-files/../../../etc/cron.d/evil' has an empty, '.' or '..' part", html);
        Assert.Empty(Directory.EnumerateFileSystemEntries(DraftsFolder));
        // Said once: the next visit is clean.
        Assert.DoesNotContain("was refused", await teacher.GetStringAsync(LabUploadEndpoints.ManagePath));

        var noLab = LabArchiveTests.Zip(("readme.txt", "hello"));
        await UploadAsync(teacher, noLab, "notes.zip");
        Assert.Contains("no lab.yaml (a ContainerLab lab) or index.json (a Killercoda scenario)",
            WebUtility.HtmlDecode(await teacher.GetStringAsync(LabUploadEndpoints.ManagePath)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(DraftsFolder));
    }

    [Fact]
    public async Task A_killercoda_scenario_is_converted_into_a_draft()
    {
        var teacher = await _web.SignedInAsync("teacher");
        string scenario = Path.Combine(RepositoryPaths.Root, "tests", "ContainerLab.Labs.Tests", "Killercoda", "Scenarios", "files-and-processes");
        var zip = new MemoryStream();
        ZipFile.CreateFromDirectory(scenario, zip, CompressionLevel.Optimal, includeBaseDirectory: true);
        zip.Position = 0;
        var response = await UploadAsync(teacher, zip, "files-and-processes.zip");
        Assert.StartsWith("/labs/drafts/", response.Headers.Location!.OriginalString);
        string html = WebUtility.HtmlDecode(await teacher.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("converted from a Killercoda scenario", html);
        var draft = _web.Services.GetRequiredService<LabDrafts>().Of(OwnerId("teacher")).Single();
        Assert.Equal("files-and-processes", draft.LabId);
        Assert.True(draft.Load.IsValid, string.Join("; ", draft.Load.Problems));
        Assert.True(File.Exists(Path.Combine(draft.Folder, "lab.yaml")));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_in_mib()
    {
        var teacher = await _web.SignedInAsync("teacher");
        var big = new MemoryStream(new byte[LabArchive.MaxUploadBytes + 1024]);
        var response = await UploadAsync(teacher, big, "big.zip");
        Assert.Equal(LabUploadEndpoints.ManagePath, response.Headers.Location!.OriginalString);
        Assert.Contains("a lab's zip is at most 16 MiB", WebUtility.HtmlDecode(await teacher.GetStringAsync(LabUploadEndpoints.ManagePath)));
    }
}

/// <summary>A new version of a published lab replaces it whole, and the progress kept under its step ids still counts.</summary>
public sealed class LabPublishTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();

    public Task InitializeAsync() => _web.PrepareAsync();

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A draft as if its tester run had passed (the tester itself runs on a daemon: the end-to-end test).</summary>
    private LabDraft Tested(string manifest)
    {
        var drafts = _web.Services.GetRequiredService<LabDrafts>();
        var draft = drafts.Receive("teacher-id", "hello-files.zip", LabUploadTests.LabZip(manifest: manifest));
        Assert.True(draft.BeginTest());
        draft.StepTested(new ContainerLab.Labs.Testing.LabStepTestResult(draft.LabId, "make-a-file", true, true, "ok"));
        draft.EndTest(null);
        Assert.True(draft.CanPublish);
        return draft;
    }

    [Fact]
    public async Task Publishing_again_replaces_the_lab_in_one_piece_and_progress_by_step_id_stays()
    {
        var drafts = _web.Services.GetRequiredService<LabDrafts>();
        var library = _web.Services.GetRequiredService<LabLibrary>();
        var progress = _web.Services.GetRequiredService<ContainerLab.Web.Progress.ProgressLog>();
        drafts.Publish(Tested(LabUploadTests.GoodManifest));
        Assert.Equal("Hello files", library.Find("hello-files")!.Title);
        Assert.True(library.IsUploaded(library.All.Single(l => l.Id == "hello-files")));
        await progress.RecordPassAsync("student-1", "hello-files", "make-a-file", CancellationToken.None);

        drafts.Publish(Tested(LabUploadTests.GoodManifest.Replace("title: Hello files", "title: Hello files, second edition")));
        Assert.Equal("Hello files, second edition", library.Find("hello-files")!.Title);
        Assert.Equal(["hello-files"], Directory.EnumerateDirectories(library.UploadedDirectory).Select(Path.GetFileName)); // no staging left
        Assert.Contains("make-a-file", await progress.PassedAsync("student-1", "hello-files", CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(drafts.DraftsDirectory));
    }

    [Fact]
    public void A_published_lab_of_a_bundled_id_replaces_the_bundled_one_for_this_server()
    {
        var drafts = _web.Services.GetRequiredService<LabDrafts>();
        var library = _web.Services.GetRequiredService<LabLibrary>();
        string bundled = library.Valid.First().Id;
        var draft = drafts.Receive("teacher-id", "x.zip", LabUploadTests.LabZip(folder: bundled));
        draft.BeginTest();
        draft.StepTested(new ContainerLab.Labs.Testing.LabStepTestResult(bundled, "make-a-file", true, true, "ok"));
        draft.EndTest(null);
        drafts.Publish(draft);
        Assert.Equal("Hello files", library.Find(bundled)!.Title);
        Assert.Single(library.All, l => l.Id == bundled);
    }
}
