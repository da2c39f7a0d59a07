using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Tests.Offers;

/// <summary>
/// Random offers over a small cluster (six hosts, three racks, two zones; host h5 has no rack),
/// so that hosts repeat, offers of one agent overlap and constraints bite.
/// </summary>
public static class OfferScenarios
{
    public const int Hosts = 6;

    public static readonly string[] ConstraintTexts =
    [
        "hostname:UNIQUE", "hostname:MAX_PER:2", "rack:MAX_PER:3", "rack:CLUSTER:r1", "rack:GROUP_BY",
        "zone:GROUP_BY:3", "rack:GROUP_BY:2", "hostname:LIKE:h[0-3]", "rack:UNLIKE:r0", "zone:UNIQUE",
        "rack:LIKE:r9", "dc:CLUSTER:east",
    ];

    public static IReadOnlyDictionary<string, string> AttributesOf(int host)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["zone"] = $"z{host % 2}" };
        if (host != 5)
        {
            attributes["rack"] = $"r{host % 3}";
        }

        return attributes;
    }

    public static RunningTask RunningOn(int host, int index) => new($"t{index}", $"a{host}", $"h{host}", AttributesOf(host));

    public static Gen<OfferScenario> Any(bool withConstraints = true, bool agentPerOffer = false) =>
        from offerCount in Gen.Choose(0, 10)
        from offers in Gen.CollectToArray(Enumerable.Range(0, offerCount), i => Offer(i, agentPerOffer))
        from requirement in Requirement()
        from wanted in Gen.Choose(0, 15)
        from constraintCount in withConstraints ? Gen.Choose(0, 2) : Gen.Constant(0)
        from constraints in Gen.Elements(ConstraintTexts).ArrayOf(constraintCount)
        from runningCount in Gen.Choose(0, 6)
        from runningHosts in Gen.Choose(0, Hosts - 1).ArrayOf(runningCount)
        select new OfferScenario(
            offers,
            requirement,
            wanted,
            PlacementConstraintParser.ParseAll(constraints.Distinct()),
            runningHosts.Select(RunningOn).ToArray());

    private static Gen<AgentOffer> Offer(int index, bool agentPerOffer) =>
        from host in Gen.Choose(0, Hosts - 1)
        from cpuTenths in Gen.Choose(0, 40)
        from memBlocks in Gen.Choose(0, 8)
        from rangeCount in Gen.Choose(0, 2)
        from ranges in PortRange().ArrayOf(rangeCount)
        from devices in Gen.SubListOf("d0", "d1", "d2", "d3")
        select new AgentOffer(
            $"o{index:D2}",
            agentPerOffer ? $"agent-{index}" : $"a{host}",
            $"h{host}",
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [ResourceNames.Cpus] = cpuTenths / 10.0,
                [ResourceNames.Mem] = memBlocks * 128,
            },
            new Dictionary<string, IReadOnlyList<ValueRange>>(StringComparer.Ordinal) { [ResourceNames.Ports] = ranges },
            new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal) { ["devices"] = devices.ToHashSet() },
            AttributesOf(host));

    private static Gen<ValueRange> PortRange() =>
        from begin in Gen.Choose(31000, 31010)
        from length in Gen.Choose(0, 5)
        select new ValueRange((ulong)begin, (ulong)(begin + length));

    private static Gen<TaskRequirement> Requirement() =>
        from cpuTenths in Gen.Choose(1, 20)
        from mem in Gen.Elements(0, 64, 128, 256)
        from ports in Gen.Choose(0, 3)
        from devices in Gen.Elements<SetRequirement?>(null, SetRequirement.AnyOf(1), SetRequirement.AllOf(["d1"]))
        select new TaskRequirement(
            new Dictionary<string, double>(StringComparer.Ordinal) { [ResourceNames.Cpus] = cpuTenths / 10.0, [ResourceNames.Mem] = mem },
            new Dictionary<string, int>(StringComparer.Ordinal) { [ResourceNames.Ports] = ports },
            devices is null ? null : new Dictionary<string, SetRequirement>(StringComparer.Ordinal) { ["devices"] = devices });
}
