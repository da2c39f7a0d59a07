using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.LocalCluster.Master;
using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class AccountingPropertyTests
{
    [Fact]
    public void Range_sets_obey_union_and_difference_laws()
    {
        var ranges = Gen.Choose(0, 60).SelectMany(b => Gen.Choose(0, 8).Select(l => ((ulong)b, (ulong)(b + l)))).ListOf().Select(RangeSet.Of);
        Prop.ForAll(Arb.From(ranges), Arb.From(ranges), (a, b) =>
        {
            var union = a.Union(b);
            var difference = a.Except(b);
            return union.Contains(a) && union.Contains(b)
                && difference.Union(b).Equals(union)
                && difference.Values().All(v => !b.Values().Contains(v))
                && a.Count == difference.Count + a.Except(difference).Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Bags_minus_what_they_contain_plus_it_again_are_unchanged()
    {
        var bags = Gen.Choose(0, 4000).SelectMany(c => Gen.Choose(0, 4000).SelectMany(m => Gen.Choose(0, 20).Select(p =>
            ResourceBag.Create(
                new Dictionary<string, double> { ["cpus"] = c / 1000.0, ["mem"] = m },
                new Dictionary<string, RangeSet> { ["ports"] = RangeSet.Of([(31000UL, 31000UL + (ulong)p)]) }))));
        Prop.ForAll(Arb.From(bags), Arb.From(bags), (a, b) =>
        {
            var sum = a.Plus(b);
            return sum.Contains(a) && sum.Contains(b) && sum.Minus(b).Plus(b).Equals(sum) && (!a.Contains(b) || a.Minus(b).Plus(b).Equals(a));
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>An action of a random scheduler: launch a task of some size on an offer, or decline it.</summary>
    public sealed record Step(bool Launch, int OfferPick, int CpuMillis, int MemMb);

    [Fact]
    public void Random_launches_and_declines_never_offer_and_use_more_than_an_agent_has()
    {
        var steps = Gen.Choose(0, 9).SelectMany(kind => Gen.Choose(0, 5).SelectMany(pick => Gen.Choose(50, 1500).SelectMany(cpus =>
            Gen.Choose(10, 700).Select(mem => new Step(kind < 7, pick, cpus, mem))))).ListOf();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(Arb.From(steps), RunKeepsAccounting));
    }

    private static bool RunKeepsAccounting(IList<Step> steps)
    {
        var workDir = Path.Combine(Path.GetTempPath(), "relay-mesos-prop-" + Guid.NewGuid().ToString("N"));
        var options = TaskLifecycleTests.FastOptions(agents: 2) with { Cpus = 2, Mem = 1024 };
        var master = new LocalMaster(options, options.BuildAgentSpecs(), workDir, NullLogger.Instance, TimeProvider.System);
        try
        {
            var subscribe = new Call
            {
                Type = Call.Types.Type.Subscribe,
                Subscribe = new Call.Types.Subscribe { FrameworkInfo = TestScheduler.Framework() },
            };
            var stream = master.Subscribe(subscribe, null);
            string? frameworkId = null;
            var outstanding = new List<Offer>();
            var taskNumber = 0;
            foreach (var step in steps.Append(new Step(false, 0, 0, 0)))
            {
                master.Tick();
                while (stream.Events.TryRead(out var @event))
                {
                    frameworkId ??= @event.Subscribed?.FrameworkId.Value;
                    if (@event.Type == Event.Types.Type.Offers)
                    {
                        outstanding.AddRange(@event.Offers.Offers_);
                    }
                }

                if (!WithinTotals(master))
                {
                    return false;
                }

                if (outstanding.Count == 0)
                {
                    continue;
                }

                var offer = outstanding[step.OfferPick % outstanding.Count];
                outstanding.Remove(offer);
                var call = new Call { FrameworkId = new FrameworkID { Value = frameworkId! } };
                if (step.Launch)
                {
                    var task = TestScheduler.ShellTask($"t{taskNumber++}", offer, "sleep 30", step.CpuMillis / 1000.0, step.MemMb);
                    var operation = new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = new Offer.Types.Operation.Types.Launch() };
                    operation.Launch.TaskInfos.Add(task);
                    call.Type = Call.Types.Type.Accept;
                    call.Accept = new Call.Types.Accept { Filters = new Filters { RefuseSeconds = 0 } };
                    call.Accept.OfferIds.Add(offer.Id);
                    call.Accept.Operations.Add(operation);
                }
                else
                {
                    call.Type = Call.Types.Type.Decline;
                    call.Decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = 0 } };
                    call.Decline.OfferIds.Add(offer.Id);
                }

                master.Apply(call);
                if (!WithinTotals(master))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            Task.WaitAll([.. master.Stop()], TimeSpan.FromSeconds(10));
            if (Directory.Exists(workDir))
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
    }

    private static bool WithinTotals(LocalMaster master)
    {
        var agents = (IEnumerable<Dictionary<string, object?>>)master.StateSnapshot()["slaves"]!;
        return agents.All(agent =>
        {
            var total = (IReadOnlyDictionary<string, object>)agent["resources"]!;
            var used = (IReadOnlyDictionary<string, object>)agent["used_resources"]!;
            var offered = (IReadOnlyDictionary<string, object>)agent["offered_resources"]!;
            double Get(IReadOnlyDictionary<string, object> bag, string name) => bag.TryGetValue(name, out var v) ? (double)v : 0;
            return new[] { "cpus", "mem", "disk" }.All(n => Get(used, n) + Get(offered, n) <= Get(total, n) + 1e-9);
        });
    }
}
