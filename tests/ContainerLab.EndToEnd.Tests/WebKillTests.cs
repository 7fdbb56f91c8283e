using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// No result a student saw is lost when the web dies: two students press Check as fast as results come (in-page, about
/// twenty a second together), the real ContainerLab.Web is killed with SIGKILL twenty times at random moments and
/// started again on the same data directory; every result a page showed is an event in the SQLite file, which passes
/// its integrity check after every kill.
/// </summary>
[Collection(LoadsAlone.Name)]
public sealed class WebKillTests(LabFixture lab, ITestOutputHelper output) : IClassFixture<LabFixture>, IDisposable
{
    private const string Lab1 = "01-container-is-a-process";
    private readonly TempDirectory _data = new("clab-web-kill-");

    public void Dispose() => _data.Dispose();

    /// <summary>Presses Check whenever the last result is in, until the page stops answering (the web died).</summary>
    private const string CheckLoop = """
        () => {
            const shown = () => Number(document.querySelector('.check-results')?.dataset.checks ?? 0);
            (async () => {
                for (;;) {
                    const before = shown();
                    const button = document.querySelector('button.check-step');
                    if (!button) return;
                    if (!button.disabled) button.click();
                    const since = performance.now();
                    while (shown() === before) {
                        if (performance.now() - since > 20000 || document.querySelector('.components-reconnect-show, .components-reconnect-failed, .components-reconnect-rejected')) return;
                        await new Promise((resolve) => setTimeout(resolve, 2));
                    }
                }
            })();
        }
        """;

    private static Task<int> ShownAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Number(document.querySelector('.check-results')?.dataset.checks ?? 0)");

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Twenty_kill_9s_of_the_web_during_twenty_checks_a_second_lose_no_result_a_page_showed()
    {
        var students = new[] { await NewContextAsync(), await NewContextAsync() };
        var shownTotal = new int[students.Length];
        var random = new Random(13);
        var checking = System.Diagnostics.Stopwatch.StartNew();
        checking.Stop();
        for (int round = 0; round < 20; round++)
        {
            var web = new WebProcess(lab.Daemon.SocketPath, dataDirectory: _data.Path);
            await web.StartAsync();
            try
            {
                foreach (var page in students)
                    await StartLabOneAsync(page, web.BaseAddress);
                checking.Start();
                foreach (var page in students)
                    await page.EvaluateAsync(CheckLoop);
                int wanted = random.Next(8, 40); // results shown in all, then the kill: between commits and in the middle of one
                await Eventually.TrueAsync(async () => (await ShownAsync(students[0])) + (await ShownAsync(students[1])) >= wanted,
                    TimeSpan.FromSeconds(60), $"round {round}: the students' Checks did not reach {wanted} results");
            }
            finally
            {
                await web.DisposeAsync(); // SIGKILL
                checking.Stop();
            }
            // Whatever the web sent before it died reaches the page before the page notices the loss: then the count is final.
            for (int i = 0; i < students.Length; i++)
            {
                await students[i].WaitForSelectorAsync(".components-reconnect-show, .components-reconnect-failed, .components-reconnect-rejected",
                    new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                shownTotal[i] += await ShownAsync(students[i]);
            }
            Assert.Equal("ok", IntegrityCheck());
        }

        for (int i = 0; i < students.Length; i++)
        {
            string learner = (await students[i].Context.CookiesAsync()).Single(c => c.Name == "clab-learner").Value;
            int stored = StoredChecks(learner);
            output.WriteLine($"student {i + 1}: {shownTotal[i]} results shown, {stored} stored");
            Assert.InRange(stored, shownTotal[i], shownTotal[i] + 20); // at most one in flight per kill
        }
        output.WriteLine($"{shownTotal.Sum()} results in {checking.Elapsed.TotalSeconds:0.0} s of checking: {shownTotal.Sum() / checking.Elapsed.TotalSeconds:0.0} a second");
        Assert.InRange(shownTotal.Sum(), 20 * 8, 20 * 60);
        foreach (var page in students)
            await page.Context.CloseAsync();
    }

    private async Task<IPage> NewContextAsync()
    {
        var context = await lab.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 } });
        return await context.NewPageAsync();
    }

    /// <summary>Lab 1 on this web (a new session: the last one died with the web), at the step with a check.</summary>
    private static async Task StartLabOneAsync(IPage page, Uri web)
    {
        await page.GotoAsync(new Uri(web, "/labs").ToString());
        await page.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await page.WaitForPromptAsync(30_000);
        await page.WaitForInteractiveAsync();
        if (await page.Locator(".lab-step[data-step=two-spaces]").CountAsync() > 0)
            await page.ClickAsync(".lab-guide button.next-step");
        await page.WaitForSelectorAsync(".lab-step[data-step=whose-kernel] button.check-step");
    }

    private string Database => Path.Combine(_data.Path, "containerlab.db");

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private int StoredChecks(string learner)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM progress_events WHERE Learner = $learner AND Lab = $lab AND Step = 'whose-kernel' AND Kind = 'Check'";
        command.Parameters.AddWithValue("$learner", learner);
        command.Parameters.AddWithValue("$lab", Lab1);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Twenty restarts of the web under two students' Checks keep both cores busy for over a minute: run alone, after the
/// other classes, so that the tests that wait a few seconds for what a student sees are not slowed by it (a CI run had a
/// live namespace change and the lab tester of another class time out beside it).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadsAlone
{
    public const string Name = "Loads the machine, alone";
}
