using System.Diagnostics;
using ContainerLab.TestSupport;
using ContainerLab.Web.Database;
using ContainerLab.Web.Progress;
using ContainerLab.Web.Tests.Database;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ContainerLab.Web.Tests.Progress;

/// <summary>
/// No acknowledged result is lost to a crash: a process appending Check results through the web's ProgressLog at 20 a
/// second is killed with SIGKILL 20 times at random moments, on this run's database (SQLite file, or the PostgreSQL
/// server in that round); every result it acknowledged is stored, and the database opens cleanly each time.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output)
{
    private static string WriterDll => Path.Combine(RepositoryPaths.Root, "tests", "ContainerLab.ProgressWriter", "bin", RepositoryPaths.Configuration,
        "net10.0", "ContainerLab.ProgressWriter.dll");

    [Fact]
    public async Task Twenty_kill_9s_during_twenty_results_a_second_lose_no_acknowledged_result()
    {
        using var database = new TestDatabase();
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(42);
        for (int round = 0; round < 20; round++)
        {
            var info = new ProcessStartInfo("dotnet", [WriterDll, database.Provider.ToString(), database.ConnectionString, "learner", $"r{round}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var writer = Process.Start(info)!;
            var acks = new List<string>();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int wanted = random.Next(2, 15); // killed after 2 to 14 results: mid-commit as often as between commits
            writer.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not { } line || !line.StartsWith("ack ", StringComparison.Ordinal))
                    return;
                lock (acks)
                {
                    acks.Add(line[4..]);
                    if (acks.Count >= wanted)
                        enough.TrySetResult();
                }
            };
            writer.BeginOutputReadLine();
            var stderr = writer.StandardError.ReadToEndAsync();
            if (await Task.WhenAny(enough.Task, writer.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))) != enough.Task)
            {
                writer.Kill();
                Assert.Fail($"round {round}: the writer acknowledged {acks.Count} results, then stopped or hung: {await stderr}");
            }
            writer.Kill(); // SIGKILL: no finally, no flush, no dispose
            await writer.WaitForExitAsync();
            lock (acks)
                acknowledged.UnionWith(acks); // every "ack" it printed before it died: the page would have shown those
            if (database.SqliteFile is { } file)
                Assert.Equal("ok", IntegrityCheck(file));
        }

        var stored = (await new ProgressLog(new ClassroomDbFactory(database.Provider, database.ConnectionString), TimeProvider.System)
            .EventsAsync("learner", "durability", CancellationToken.None)).Select(e => e.Step).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{database.Provider}: 20 kill -9s, {acknowledged.Count} results acknowledged, {stored.Count} stored");
        Assert.InRange(acknowledged.Count, 40, 20 * 14);
        Assert.Empty(acknowledged.Except(stored));
        Assert.InRange(stored.Count - acknowledged.Count, 0, 20); // at most the one in flight at each kill
    }

    private static string IntegrityCheck(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
