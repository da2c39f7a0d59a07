namespace RelayMesos.EndToEnd.Tests.Placement;

/// <summary>Several loops in one deployment: one framework on the embedded cluster, each loop driving its own tasks.</summary>
public sealed class LoopsOnLocalClusterTests
{
    [Fact]
    public async Task Two_loops_each_drive_only_their_own_tasks_labelled_with_their_loop()
    {
        await using var relay = await RelayOnLocalCluster.StartLoopsAsync([("orders", 2, ""), ("invoices", 3, "")], agents: 2);

        var both = await relay.WaitUntilAsync(
            t => Running(t, "orders") == 2 && Running(t, "invoices") == 3 && t.Count == 5, "2 running orders tasks and 3 invoices tasks");
        var invoices = both.Where(t => t.Loop == "invoices").Select(t => t.Id).Order().ToList();
        Assert.All(both, t => Assert.Contains(t.Loop!, t.Name, StringComparison.Ordinal));

        // Scaling one loop in kills only its own tasks: the other's are the very same ones afterwards.
        relay.SetTarget("orders", 0);
        var after = await relay.WaitUntilAsync(t => Running(t, "orders") == 0 && t.Count == 3, "no orders task left");
        Assert.Equal(invoices, after.Select(t => t.Id).Order());
        Assert.DoesNotContain(relay.Log.Entries, e => invoices.Any(id => e.Message.StartsWith($"Killing {id}", StringComparison.Ordinal)));

        relay.SetTarget("orders", 1);
        await relay.WaitUntilAsync(t => Running(t, "orders") == 1 && Running(t, "invoices") == 3, "orders back at 1, invoices still at 3");
        Assert.True(relay.Samples.All(s => s.Count(t => t.Loop == "invoices") <= 3), "invoices ever had more than 3 live tasks");
    }

    [Fact]
    public async Task Scarce_offers_are_shared_so_that_no_loop_starves()
    {
        // One agent with room for four tasks; each loop wants six, one more every step.
        await using var relay = await RelayOnLocalCluster.StartLoopsAsync(
            [("alpha", 6, "controller.max-step = 1"), ("beta", 6, "controller.max-step = 1")], agents: 1, cpus: 2);

        var full = await relay.WaitUntilAsync(t => t.Count(x => x.State == "TASK_RUNNING") == 4, "the agent full with 4 running tasks");

        Assert.True(Running(full, "alpha") >= 1 && Running(full, "beta") >= 1,
            $"one loop starved: alpha {Running(full, "alpha")}, beta {Running(full, "beta")}");
        Assert.True(relay.Samples.All(s => s.Count <= 4), "more tasks than the agent has room for");
    }

    private static int Running(IEnumerable<ClusterTask> tasks, string loop) => tasks.Count(t => t.Loop == loop && t.State == "TASK_RUNNING");
}
