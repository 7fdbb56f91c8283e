using System.Diagnostics;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// A class in chromium: the first instructor creates a class, three students join it with its code in their own
/// browsers and work on lab 1; the instructor's grid shows each Check as it happens (pushed, not reloaded), and the CSV
/// export says what the events in the web's database say.
/// </summary>
public sealed class ClassroomTests(LabFixture lab, ITestOutputHelper output) : IClassFixture<LabFixture>
{
    private const string Lab1 = "01-container-is-a-process";
    private static readonly PageWaitForSelectorOptions Shown = new() { State = WaitForSelectorState.Visible };

    private static string Cell(string student, string step, string attribute, string value) =>
        $"tr[data-student='{student}'] td[data-step='{step}'][{attribute}='{value}']";

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Three_students_join_with_the_code_and_the_instructors_grid_follows_each_check_and_the_export_matches_the_events()
    {
        var teacher = await lab.FirstInstructorAsync();
        await teacher.ClickAsync(".account-status a:has-text('Your classes')");
        await teacher.WaitForPageAsync("/classes", "#name");
        string code = await teacher.CreateClassAsync("3b, Monday", Lab1);
        Assert.Matches("^[A-HJ-KM-NP-Z2-9]{8}$", code);
        await teacher.WaitForSelectorAsync(".class-grid-empty");
        string classPath = new Uri(teacher.Url).AbsolutePath;

        // Three students, each in a browser of their own, join with the code as the instructor wrote it on the board.
        string[] names = ["Ada", "Bo", "Cy"];
        var students = new List<IPage>();
        foreach (string name in names)
        {
            var student = await lab.NewStudentAsync(1400, 900);
            await student.GotoAsync("/join");
            await student.FillAsync("#code", $"{code[..4].ToLowerInvariant()}-{code[4..]}");
            await student.FillAsync("#displayname", name);
            await student.ClickAsync("button:has-text('Join')");
            await student.WaitForPageAsync("/labs", $".lab-card[data-lab='{Lab1}']");
            Assert.Equal("3b, Monday", await student.TextContentAsync(".your-class strong")); // the class's labs, in order
            Assert.Equal(1, await student.Locator($".your-class li[data-lab='{Lab1}']").CountAsync());
            await teacher.WaitForSelectorAsync($"tr[data-student='{name}']"); // the grid gains the row without a reload
            await student.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
            await student.WaitForPromptAsync();
            await student.WaitForInteractiveAsync();
            await student.ClickAsync(".lab-guide button.next-step"); // the reading step passes
            await student.WaitForSelectorAsync(".lab-step[data-step=whose-kernel]");
            students.Add(student);
        }
        await teacher.WaitForSelectorAsync(Cell("Cy", "two-spaces", "data-state", "passed"));

        // Each student's Check: the instructor's cell turns within moments, pushed over the circuit.
        var latencies = new List<double>();
        for (int i = 0; i < students.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            await students[i].ClickAsync("button.check-step");
            await teacher.WaitForSelectorAsync(Cell(names[i], "whose-kernel", "data-attempts", "1"));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal("working", await teacher.GetAttributeAsync(Cell(names[i], "whose-kernel", "data-attempts", "1"), "data-state"));
        }
        output.WriteLine($"grid updated after each Check in {string.Join(", ", latencies.Select(l => $"{l:F0} ms"))} (click to the cell's change, through Playwright)");
        Assert.All(latencies, l => Assert.True(l < 5000, $"the grid took {l:F0} ms: it follows Checks as they happen, not on a timer"));

        // What Bo's Check said, a click away: the check's own message.
        await teacher.ClickAsync("tr[data-student='Bo'] button.student");
        await teacher.WaitForSelectorAsync(".student-detail li[data-kind=Check]:has-text('/root/kernel.txt does not exist yet')");

        // A message to Bo (his detail is open), then one to everybody: pushed to the students' open pages.
        await teacher.FillAsync("#class-message", "Look at step 2 again");
        await teacher.ClickAsync(".class-send button[type=submit]");
        await students[1].WaitForSelectorAsync(".class-message:has-text('Ms Teacher to you: Look at step 2 again')", Shown);
        await teacher.ClickAsync(".class-send button:has-text('Back to the whole class')");
        await teacher.FillAsync("#class-message", "Ten minutes left");
        await teacher.ClickAsync(".class-send button[type=submit]");
        foreach (var student in students)
            await student.WaitForSelectorAsync(".class-message:has-text('Ms Teacher to the class: Ten minutes left')", Shown);
        Assert.Equal(0, await students[0].Locator(".class-message:has-text('Look at step 2 again')").CountAsync());
        await students[1].ScreenshotAsync("class-message-student-1400-light");

        // Ada does the step: the cell shows it passed.
        await students[0].TypeAsync("uname -r > /root/kernel.txt\n");
        await students[0].ClickAsync("button.check-step");
        await students[0].WaitForSelectorAsync(".check-results .passed", new() { Timeout = 20_000 });
        await teacher.WaitForSelectorAsync(Cell("Ada", "whose-kernel", "data-state", "passed"));
        Assert.Equal("1 / 4", (await teacher.TextContentAsync("tr[data-student='Bo'] td.count"))?.Trim());
        await teacher.ScreenshotAsync("class-grid-1400-light");
        // On a phone in the dark theme the grid scrolls within its box; the page itself stays the screen's width.
        await teacher.SetViewportSizeAsync(390, 844);
        await teacher.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.True(await teacher.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the class page is wider than a phone");
        await teacher.ScreenshotAsync("class-grid-390-dark");
        await teacher.SetViewportSizeAsync(1400, 900);

        // The export, against the events the web stored: attempts are the Check and quiz events, passed is a Passed event.
        var export = await teacher.Context.APIRequest.GetAsync(classPath + "/progress.csv");
        Assert.Equal(200, export.Status);
        string[] rows = (await export.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("class,student,lab,step,state,first_passed_at,attempts", rows[0]);
        Assert.Equal(1 + names.Length * 4, rows.Length);
        var stored = StoredEvents();
        foreach (string row in rows.Skip(1))
        {
            string[] f = row.Split(',');
            // "3b, Monday" is quoted: the name's comma splits it in two here, so the fields count from the end.
            (string student, string step, string state, string attempts) = (f[^6], f[^4], f[^3], f[^1]);
            var mine = stored.Where(e => e.Student == student && e.Step == step).ToList();
            Assert.Equal(mine.Count(e => e.Kind is "Check" or "Quiz").ToString(), attempts);
            Assert.Equal(mine.Any(e => e.Kind == "Passed"), state == "passed");
        }
        Assert.Contains(rows, r => r.Contains(",Ada,01-container-is-a-process,whose-kernel,passed,", StringComparison.Ordinal) && r.EndsWith(",2", StringComparison.Ordinal));
        Assert.StartsWith("\"3b, Monday\",", rows[1]);

        await WatchHelpAndResetAsync(teacher, students[1], "Bo");

        // The server's page: the three students' sessions, and the CPU once two of the daemon's readings are in.
        await teacher.GotoAsync("/server");
        await teacher.WaitForSelectorAsync(".server-figures[data-sessions='3']");
        await teacher.WaitForSelectorAsync(".server-figures dd[data-cpu]:not([data-cpu=''])", new() { Timeout = 20_000 });
        Assert.Contains($"of {lab.Daemon.MaxSandboxes}", await teacher.TextContentAsync(".server-figures") ?? ""); // the daemon's --max-sandboxes, as it says
        await teacher.ScreenshotAsync("server-page-1400-light");
        await teacher.SetViewportSizeAsync(390, 844);
        await teacher.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.True(await teacher.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the server page is wider than a phone");
        await teacher.ScreenshotAsync("server-page-390-dark");

        foreach (var page in students.Append(teacher))
            await page.Context.CloseAsync();
    }

    private const string Watched = ".student-terminal .watched .xterm-rows";

    /// <summary>
    /// The instructor watches Bo's terminal (Bo is told), cannot type into it until Bo accepts their help (the hub refuses
    /// it too, whatever the page sends), types once he did, and resets his node: a fresh one, his progress kept.
    /// </summary>
    private async Task WatchHelpAndResetAsync(IPage teacher, IPage bo, string name)
    {
        await bo.TypeAsync("touch /root/made-before-the-reset; echo watched-$((6*7))\n");
        await bo.WaitForScreenAsync("watched-42");
        await teacher.ClickAsync($"tr[data-student='{name}'] button.student");
        await teacher.ClickAsync(".student-terminal button.watch:has-text('Watch node1')");
        // The instructor sees the student's screen as it is, and the student sees that they are watched.
        await teacher.WaitForFunctionAsync($"() => document.querySelector(\"{Watched}\")?.innerText.includes('watched-42')");
        await bo.WaitForSelectorAsync(".watch-notice[data-help=none]:has-text('Ms Teacher is watching your terminal')", Shown);
        await bo.TypeAsync("echo live-$((7*7))\n");
        await teacher.WaitForFunctionAsync($"() => document.querySelector(\"{Watched}\")?.innerText.includes('live-49')");

        // Read-only: keys in the watched terminal go nowhere, and the hub refuses them from any page.
        await teacher.ClickAsync(".student-terminal .watched");
        await teacher.Keyboard.TypeAsync("echo typed-$((5*5))\n");
        string learner = (await teacher.GetAttributeAsync(".student-terminal", "data-learner"))!;
        int classId = int.Parse(new Uri(teacher.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        string refused = await teacher.EvaluateAsync<string>(HubProbe, new object[] { classId, learner });
        Assert.Contains("has not accepted your help", refused);
        await bo.TypeAsync("echo marker-$((8*8))\n");
        await bo.WaitForScreenAsync("marker-64");
        Assert.DoesNotContain("typed-25", await bo.ScreenAsync());
        Assert.DoesNotContain("sneaky", await bo.ScreenAsync());

        // Help after consent: the student accepts, the instructor types, the student sees it run.
        await teacher.ClickAsync(".student-terminal button.ask-help");
        await teacher.WaitForSelectorAsync(".student-terminal .help-state[data-help=Asked]");
        await bo.ClickAsync(".watch-notice.asked button.allow");
        await teacher.WaitForSelectorAsync(".student-terminal .watched.typing");
        await bo.WaitForSelectorAsync(".watch-notice[data-help=granted]", Shown);
        await teacher.ClickAsync(".student-terminal .watched");
        await teacher.Keyboard.TypeAsync("echo helped-$((6*6))\n");
        await bo.WaitForScreenAsync("helped-36");
        await bo.ScreenshotAsync("class-help-student-1400-light");
        await teacher.ScreenshotAsync("class-watch-1400-light");
        // The student takes it back: the instructor watches again, read-only.
        await bo.ClickAsync(".watch-notice[data-help=granted] button");
        await teacher.WaitForSelectorAsync(".student-terminal .help-state[data-help=None]");
        Assert.Contains("has not accepted your help", await teacher.EvaluateAsync<string>(HubProbe, new object[] { classId, learner }));

        // Reset: a fresh node1 on Bo's page, his file gone, his progress kept.
        string attempts = (await teacher.GetAttributeAsync(Cell(name, "whose-kernel", "data-state", "working"), "data-attempts"))!;
        await teacher.ClickAsync(".student-terminal button.reset");
        await teacher.ClickAsync(".student-terminal button.reset.confirm");
        await teacher.WaitForSelectorAsync(".student-terminal .help-state:has-text('is a fresh node now')", new() { Timeout = 30_000 });
        await bo.WaitForSelectorAsync(".message:has-text('node1 was reset to the lab')", Shown);
        await bo.WaitForPromptAsync();
        await bo.TypeAsync("ls /root/made-before-the-reset || echo gone-$((9*9))\n");
        await bo.WaitForScreenAsync("gone-81");
        Assert.Equal(attempts, await teacher.GetAttributeAsync(Cell(name, "whose-kernel", "data-state", "working"), "data-attempts"));
        await bo.WaitForSelectorAsync(".lab-step[data-step=whose-kernel]");
    }

    /// <summary>
    /// A page script that talks to the terminal hub on a connection of its own, as a hostile page could: it watches the
    /// student (allowed: the instructor's class) and sends keys; returns the hub's answer.
    /// </summary>
    private const string HubProbe = """
        async ([classId, learner]) => {
            const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/terminal').build();
            await connection.start();
            try {
                const watching = new Promise((resolve) => {
                    connection.stream('Watch', classId, learner, 'node1', 'init').subscribe({ next: resolve, complete: resolve, error: resolve });
                });
                await watching;
                await connection.invoke('HelpInput', classId, learner, 'node1', 'init', 'echo sneaky\r');
                return 'typed';
            } catch (error) {
                return String(error.message);
            } finally {
                await connection.stop();
            }
        }
        """;

    private List<(string Student, string Step, string Kind)> StoredEvents()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(lab.Web.DataDirectory, "containerlab.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.DisplayName, e.Step, e.Kind FROM progress_events e JOIN class_members m ON m.AccountId = e.Learner";
        using var reader = command.ExecuteReader();
        var events = new List<(string, string, string)>();
        while (reader.Read())
            events.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return events;
    }
}
