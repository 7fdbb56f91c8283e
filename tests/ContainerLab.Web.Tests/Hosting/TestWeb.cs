using System.Net;
using System.Text.RegularExpressions;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Database;
using ContainerLab.Web.Progress;
using ContainerLab.Web.Tests.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Hosting;

/// <summary>
/// The whole web in-process (its real pipeline: authentication, antiforgery, rate limits, pages) over a real database of
/// the test's own (<see cref="TestDatabase"/>) and a data directory of its own; no daemon (its socket does not exist).
/// </summary>
internal sealed partial class TestWeb(DatabaseProvider? provider = null, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("clab-web-data-");

    public TestDatabase Database { get; } = new(provider);
    /// <summary>The web's data directory (on SQLite the database's folder, where the web keeps its file).</summary>
    public string DataDirectory => Database.SqliteFolder ?? _data.FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("ContainerLab:DataDirectory", DataDirectory);
        builder.UseSetting("ContainerLab:Socket", Path.Combine(_data.FullName, "no-daemon.sock"));
        builder.UseSetting("ContainerLab:Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ContainerLab:Database:ConnectionString", Database.Provider == DatabaseProvider.Sqlite ? "" : Database.ConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }

    /// <summary>What Program does before serving: the schema and the roles, and the first instructor's link while there is none.</summary>
    public async Task PrepareAsync()
    {
        await Services.MigrateClassroomDatabaseAsync();
        await Services.ImportLegacyProgressAsync();
        await Services.PrepareAccountsAsync();
    }

    public const string Password = "correct horse battery";

    /// <summary>An account with <see cref="Password"/> in <paramref name="role"/>, made through Identity as the pages do.</summary>
    public async Task<Account> CreateAccountAsync(string userName, string role)
    {
        using var scope = Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Account>>();
        var account = new Account { UserName = userName, DisplayName = userName };
        Xunit.Assert.True((await accounts.CreateWithRoleAsync(account, Password, role)).Succeeded);
        return account;
    }

    /// <summary>
    /// The classroom the authorization tests ask from every side: "teacher" owns class 3b with "student" in it;
    /// "other-teacher" owns class 4a with "other-student". All four sign in with <see cref="Password"/>.
    /// </summary>
    public async Task<TwoClasses> TwoClassesAsync()
    {
        var teacher = await CreateAccountAsync("teacher", Roles.Instructor);
        var otherTeacher = await CreateAccountAsync("other-teacher", Roles.Instructor);
        var student = await CreateAccountAsync("student", Roles.Student);
        var otherStudent = await CreateAccountAsync("other-student", Roles.Student);
        var directory = Services.GetRequiredService<ContainerLab.Web.Classes.ClassDirectory>();
        var mine = await directory.CreateAsync(teacher.Id, "3b", ["01-container-is-a-process"], null, null, false, new ContainerLab.Web.Classes.ClassLimits(), CancellationToken.None);
        var other = await directory.CreateAsync(otherTeacher.Id, "4a", ["01-container-is-a-process"], null, null, false, new ContainerLab.Web.Classes.ClassLimits(), CancellationToken.None);
        await directory.JoinAsync(mine.Id, student.Id, "Student", CancellationToken.None);
        await directory.JoinAsync(other.Id, otherStudent.Id, "Other", CancellationToken.None);
        return new TwoClasses(mine, other, student);
    }

    /// <summary>A browser signed in as <paramref name="userName"/> through the sign-in form.</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var browser = Browser();
        var signedIn = await PostFormAsync(browser, AccountSetup.LoginPath, "login",
            new Dictionary<string, string> { ["Form.UserName"] = userName, ["Form.Password"] = Password });
        Xunit.Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    /// <summary>The first instructor's link as the web wrote it to its data directory.</summary>
    public string FirstInstructorLink() =>
        File.ReadAllText(Path.Combine(DataDirectory, FirstInstructorInvite.FileName)).Trim();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser(bool https = false) => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });

    /// <summary>GETs a page with a form and posts the form's fields (its antiforgery token and handler) plus <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, IDictionary<string, string> fields, string? action = null)
    {
        string html = await client.GetStringAsync(page);
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["_handler"] = handler,
        };
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException("the page has no antiforgery token"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private bool _disposed;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_disposed)
        {
            _disposed = true;
            Database.Dispose();
            _data.Delete(recursive: true);
        }
    }
}

/// <summary>See <see cref="TestWeb.TwoClassesAsync"/>.</summary>
internal sealed record TwoClasses(ContainerLab.Web.Classes.Classroom Class, ContainerLab.Web.Classes.Classroom OtherClass, Account Student);
