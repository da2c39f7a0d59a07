using RelayMesos.EndToEnd.Tests.Framework;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Capability = RelayMesos.Mesos.V1.FrameworkInfo.Types.Capability.Types.Type;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.EndToEnd.Tests.StrictMaster;

/// <summary>`relay-mesos run` against a strict scripted master (issue 13, item 7).</summary>
public sealed class SchedulerAgainstStrictMasterTests
{
    private static RunScenario Run(StrictMesosMaster master) => RunScenario.Start($$"""
        relay.mesos.master = "{{master.Master}}"
        relay.metric = 0
        relay.target = 2
        relay.warmer = "sleep 30"
        """);

    [Fact]
    public async Task An_accept_never_names_an_offer_rescinded_in_the_same_write_and_the_launch_is_planned_again()
    {
        await using var master = await StrictMesosMaster.StartAsync();
        var revives = 0;
        master.OnCall = (m, call) =>
        {
            if (call.Type != Call.Types.Type.Revive)
            {
                return [];
            }

            var offer = m.NewOffer();
            // The first time offers are wanted, Mesos offers and takes the offer back in one write.
            return Interlocked.Increment(ref revives) == 1
                ? [Offers(offer), new Event { Type = Event.Types.Type.Rescind, Rescind = new Event.Types.Rescind { OfferId = offer.Id } }]
                : [Offers(offer)];
        };
        await using var run = Run(master);

        var launch = await master.EventuallyAsync(
            calls => calls.FirstOrDefault(c => c.Type == Call.Types.Type.Accept && c.Accept.Operations.Any(o => o.Launch?.TaskInfos.Count > 0)),
            TimeSpan.FromSeconds(30),
            "an ACCEPT that launches");

        Assert.DoesNotContain(master.Calls, c => c.Type == Call.Types.Type.Accept && c.Accept.OfferIds.Any(o => o.Value == "O1"));
        Assert.DoesNotContain(master.Calls, c => c.Type == Call.Types.Type.Decline && c.Decline.OfferIds.Any(o => o.Value == "O1"));
        Assert.NotEqual("O1", Assert.Single(launch.Accept.OfferIds).Value);
        // Whether the launch was first planned on O1 (and dropped with "Offer O1 was rescinded before the ACCEPT left")
        // depends on whether the offer handler saw the offer before its rescind, which a busy machine decides; either
        // way O1 is never named and the launch goes out on the next offer.
    }

    [Fact]
    public async Task Every_subscription_registers_partition_aware_and_reconciles_explicitly_then_implicitly()
    {
        await using var master = await StrictMesosMaster.StartAsync();
        master.OnCall = (m, call) => call.Type switch
        {
            Call.Types.Type.Revive => [Offers(m.NewOffer())],
            // Mesos answers an explicit reconciliation with each task's latest state: no uuid, from the master.
            Call.Types.Type.Reconcile => call.Reconcile.Tasks.Select(t => new Event
            {
                Type = Event.Types.Type.Update,
                Update = new Event.Types.Update
                {
                    Status = new TaskStatus
                    {
                        TaskId = t.TaskId,
                        AgentId = t.AgentId,
                        State = TaskState.TaskRunning,
                        Source = TaskStatus.Types.Source.Master,
                        Reason = TaskStatus.Types.Reason.Reconciliation,
                        Message = "Reconciliation: Latest task state",
                    },
                },
            }).ToArray(),
            _ => [],
        };
        await using var run = Run(master);

        var launched = await master.EventuallyAsync(
            calls => calls.FirstOrDefault(c => c.Type == Call.Types.Type.Accept && c.Accept.Operations.Any(o => o.Launch?.TaskInfos.Count > 0)),
            TimeSpan.FromSeconds(30),
            "an ACCEPT that launches");
        var taskIds = launched.Accept.Operations.SelectMany(o => o.Launch.TaskInfos).Select(t => t.TaskId.Value).Order(StringComparer.Ordinal).ToList();
        master.EndStream();

        var calls = await master.EventuallyAsync(
            calls => AfterLast(calls, Call.Types.Type.Subscribe) is { } after && calls.Count(c => c.Type == Call.Types.Type.Subscribe) == 2
                && after.Any(c => IsReconcile(c) && c.Reconcile.Tasks.Count == 0) ? calls : null,
            TimeSpan.FromSeconds(30),
            "an implicit RECONCILE after the second SUBSCRIBE");

        Assert.All(calls.Where(c => c.Type == Call.Types.Type.Subscribe), s =>
            Assert.Contains(s.Subscribe.FrameworkInfo.Capabilities, c => c.Type == Capability.PartitionAware));
        var second = AfterLast(calls, Call.Types.Type.Subscribe)!.Where(IsReconcile).ToList();
        var explicitRound = second.FindIndex(c => c.Reconcile.Tasks.Count > 0);
        var implicitRound = second.FindIndex(c => c.Reconcile.Tasks.Count == 0);
        Assert.True(explicitRound >= 0, "no explicit RECONCILE after the re-subscription");
        Assert.True(explicitRound < implicitRound, "the implicit RECONCILE came before the explicit one");
        Assert.Subset(second[explicitRound].Reconcile.Tasks.Select(t => t.TaskId.Value).ToHashSet(), taskIds.ToHashSet());
    }

    private static bool IsReconcile(Call call) => call.Type == Call.Types.Type.Reconcile;

    private static List<Call>? AfterLast(IReadOnlyList<Call> calls, Call.Types.Type type)
    {
        var index = calls.ToList().FindLastIndex(c => c.Type == type);
        return index < 0 ? null : calls.Skip(index + 1).ToList();
    }

    private static Event Offers(Offer offer) =>
        new() { Type = Event.Types.Type.Offers, Offers = new Event.Types.Offers { Offers_ = { offer } } };
}
