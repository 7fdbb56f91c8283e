using ContainerLab.Web.Progress;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Database;

/// <summary>An upgrade keeps what students passed: labs.db of the earlier web becomes passed events, once.</summary>
public sealed class LegacyProgressImportTests
{
    [Fact]
    public async Task The_old_files_passed_steps_become_events_with_their_time_and_the_file_is_set_aside()
    {
        using var web = new TestWeb();
        string old = Path.Combine(web.DataDirectory, LegacyProgressImport.FileName);
        await using (var connection = new SqliteConnection($"Data Source={old};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The earlier web's schema, as LabProgressStore created it.
            command.CommandText = """
                CREATE TABLE step_passed (learner TEXT NOT NULL, lab TEXT NOT NULL, step TEXT NOT NULL, passed_at TEXT NOT NULL, PRIMARY KEY (learner, lab, step));
                INSERT INTO step_passed VALUES ('aaaa', '01-container-is-a-process', 'look', '2026-11-20T09:30:00.0000000+00:00');
                INSERT INTO step_passed VALUES ('aaaa', '01-container-is-a-process', 'syscalls', '2026-11-20T09:41:00.0000000+00:00');
                INSERT INTO step_passed VALUES ('bbbb', '03-cgroups', 'limits', '2026-11-21T10:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await web.PrepareAsync();

        var progress = web.Services.GetRequiredService<ProgressLog>();
        Assert.Equal(["look", "syscalls"], (await progress.PassedAsync("aaaa", "01-container-is-a-process", CancellationToken.None)).Order());
        var limits = Assert.Single(await progress.EventsAsync("bbbb", null, CancellationToken.None));
        Assert.Equal((ProgressEventKind.Passed, "03-cgroups", new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero)), (limits.Kind, limits.Lab, limits.At));
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(old + ".imported"));

        await web.PrepareAsync(); // the next start imports nothing again
        Assert.Single(await progress.EventsAsync("bbbb", null, CancellationToken.None));
    }
}
