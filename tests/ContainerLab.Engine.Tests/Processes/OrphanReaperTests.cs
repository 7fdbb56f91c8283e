using ContainerLab.Engine.Processes;
using Key = ContainerLab.Engine.Processes.OrphanReaper.ZombieKey;

namespace ContainerLab.Engine.Tests.Processes;

/// <summary>The reaper's decision: reap an unclaimed zombie only once it has been seen for the minimum age.</summary>
public sealed class OrphanReaperTests
{
    private static readonly TimeSpan Age = TimeSpan.FromSeconds(1);
    private static readonly DateTime T0 = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_zombie_is_reaped_only_after_it_was_seen_for_the_minimum_age()
    {
        var sightings = new Dictionary<Key, DateTime>();
        var zombie = new Key(100, 5);
        Assert.Empty(OrphanReaper.Due([zombie], _ => false, sightings, T0, Age));
        Assert.Empty(OrphanReaper.Due([zombie], _ => false, sightings, T0 + Age / 2, Age));
        Assert.Equal([zombie], OrphanReaper.Due([zombie], _ => false, sightings, T0 + Age, Age));
    }

    [Fact]
    public void A_claimed_zombie_is_never_reaped_and_its_sighting_is_forgotten()
    {
        var sightings = new Dictionary<Key, DateTime>();
        var zombie = new Key(100, 5);
        OrphanReaper.Due([zombie], _ => false, sightings, T0, Age);
        // Claimed after the first sighting (Process.Start returned just after the child exited): left alone for good.
        Assert.Empty(OrphanReaper.Due([zombie], pid => pid == 100, sightings, T0 + 10 * Age, Age));
        Assert.Empty(sightings);
        // Unclaimed again (its waiter gave it up): the age counts from the new sighting.
        Assert.Empty(OrphanReaper.Due([zombie], _ => false, sightings, T0 + 11 * Age, Age));
        Assert.Equal([zombie], OrphanReaper.Due([zombie], _ => false, sightings, T0 + 12 * Age, Age));
    }

    [Fact]
    public void A_recycled_pid_is_a_new_zombie()
    {
        var sightings = new Dictionary<Key, DateTime>();
        OrphanReaper.Due([new Key(100, 5)], _ => false, sightings, T0, Age);
        // pid 100 was reaped by someone and reused by a process started later, now a zombie too.
        Assert.Empty(OrphanReaper.Due([new Key(100, 9)], _ => false, sightings, T0 + 2 * Age, Age));
        Assert.Single(sightings);
    }
}
