using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

public sealed class MesosMasterGroupTests
{
    [Fact]
    public void The_lowest_sequence_leads_and_other_children_are_skipped() =>
        Assert.Equal(
            "json.info_0000000007",
            MesosMasterGroup.SelectLeader(["log_replicas", "json.info_0000000012", "info_0000000001", "json.info_0000000007", "json.info_", "json.info_x1"]));

    [Fact]
    public void An_empty_group_has_no_leader() =>
        Assert.Null(MesosMasterGroup.SelectLeader(["log_replicas", "info_0000000001"]));

    [Fact]
    public void Whatever_the_order_the_member_with_the_lowest_sequence_leads()
    {
        var property = Prop.ForAll(
            Gen.Choose(0, int.MaxValue).ListOf().Where(l => l.Count > 0).ToArbitrary(),
            Gen.Elements("log_replicas", "info_0000000000", "json.info_", "other").ListOf().ToArbitrary(),
            (sequences, noise) =>
            {
                var members = sequences.Select(s => string.Create(CultureInfo.InvariantCulture, $"json.info_{s:D10}"));
                var children = members.Concat(noise).OrderBy(_ => Random.Shared.Next()).ToList();
                return MesosMasterGroup.SelectLeader(children) == string.Create(CultureInfo.InvariantCulture, $"json.info_{sequences.Min():D10}");
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
