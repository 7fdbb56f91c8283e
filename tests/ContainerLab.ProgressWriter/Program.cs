// ContainerLab.ProgressWriter PROVIDER CONNECTION LEARNER ROUND: appends a Check result every 50 ms through the web's
// ProgressLog (the code the lab page uses) and prints "ack ROUND-N" once each append returned, until it is killed.
using ContainerLab.Labs.Checks;
using ContainerLab.Web.Database;
using ContainerLab.Web.Progress;

var factory = new ClassroomDbFactory(Enum.Parse<DatabaseProvider>(args[0]), args[1]);
var progress = new ProgressLog(factory, TimeProvider.System);
string learner = args[2], round = args[3];
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
for (int n = 0; await pace.WaitForNextTickAsync(); n++)
{
    await progress.RecordCheckAsync(learner, "durability", $"{round}-{n}", [new CheckResult(n % 2 == 0, $"result {round}-{n}")], CancellationToken.None);
    output.WriteLine($"ack {round}-{n}");
}
