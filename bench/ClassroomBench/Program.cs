using System.Diagnostics;
using System.Globalization;
using ContainerLab.Bench;
using ContainerLab.Bench.ClassroomBench;
using Microsoft.Playwright;

// bench/classroom: a class of --students on one server, side by side in one invocation:
//   memory:  the web's RSS per open session, thirty anonymous practice sessions (the start page's Start) on one fresh
//            web against thirty class students on lab 1 and the instructor's class page on another fresh web;
//   latency: a student's Check to the instructor's grid cell, against the same Check to the student's own result
//            (the baseline: the web's own answer to the one who clicked), p50/p95;
//   CPU:     the web's CPU time for the same burst of Checks with the instructor's page open and with it closed.
var flags = new BenchFlags(args);
var web = new Uri(flags.Need("url"));
int webPid = flags.Int("web-pid");
var anonymousWeb = new Uri(flags.Need("anonymous-url"));
int anonymousPid = flags.Int("anonymous-pid");
int students = flags.Number("students", 30);
int rounds = flags.Number("rounds", 2);
string dataDirectory = flags.Need("data");
string? markdown = flags.Optional("markdown");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
});
var classroom = new Classroom(browser, web);
void Say(string text) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

// Memory, on a web of its own that starts as fresh as the class's: what an open anonymous session costs today.
var practice = new Classroom(browser, anonymousWeb);
long before = await WebMemory.SettledRssKibAsync(anonymousPid);
var anonymous = new List<IPage>();
for (int i = 0; i < students; i++)
    anonymous.Add(await practice.AnonymousSessionAsync());
long withAnonymous = await WebMemory.SettledRssKibAsync(anonymousPid);
Say($"{students} anonymous sessions: web RSS {before / 1024} -> {withAnonymous / 1024} MiB");
foreach (var page in anonymous)
    await Classroom.EndSessionAsync(page);
long classBefore = await WebMemory.SettledRssKibAsync(webPid);

// The class: the instructor's page open, the students join and start lab 1.
var teacher = await classroom.FirstInstructorAsync(dataDirectory);
string code = await Classroom.CreateClassAsync(teacher);
var pupils = new List<IPage>();
for (int i = 0; i < students; i++)
    pupils.Add(await classroom.JoinAndStartAsync(code, $"Student {i + 1:00}", teacher));
long withClass = await WebMemory.SettledRssKibAsync(webPid);
Say($"{students} class students: web RSS {classBefore / 1024} -> {withClass / 1024} MiB (the instructor's page included)");

// Latency: every student checks, rounds times, one at a time, the grid open.
var grid = new Samples("grid");
var own = new Samples("own");
double cpuOpen = 0, cpuClosed = 0;
for (int round = 1; round <= rounds; round++)
{
    double cpu = ProcessCpu.Seconds(webPid);
    for (int i = 0; i < students; i++)
    {
        var (toOwn, toGrid) = await Classroom.CheckAsync(pupils[i], teacher, $"Student {i + 1:00}", round);
        own.Add(toOwn);
        grid.Add(toGrid);
    }
    cpuOpen += ProcessCpu.Seconds(webPid) - cpu;
    Say($"round {round}: grid p50 {grid.Median:0} ms, p95 {grid.P95:0} ms; own result p50 {own.Median:0} ms");
}

// CPU without the instructor's page: the same burst of Checks.
await teacher.Context.CloseAsync();
await Task.Delay(2000); // the circuit's close reaches the server
for (int round = rounds + 1; round <= 2 * rounds; round++)
{
    double cpu = ProcessCpu.Seconds(webPid);
    for (int i = 0; i < students; i++)
        await Classroom.CheckAsync(pupils[i], null, $"Student {i + 1:00}", round);
    cpuClosed += ProcessCpu.Seconds(webPid) - cpu;
}
Say($"web CPU for {rounds * students} Checks: {cpuOpen:0.00} s with the class page open, {cpuClosed:0.00} s without");

string report = Report.Markdown(students, rounds, before, withAnonymous, classBefore, withClass, grid, own, cpuOpen, cpuClosed);
Console.WriteLine(report);
if (markdown is not null)
    File.WriteAllText(markdown, report);
foreach (var page in pupils)
    await page.Context.CloseAsync();
return 0;
