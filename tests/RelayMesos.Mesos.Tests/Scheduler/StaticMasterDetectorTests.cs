using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;

namespace RelayMesos.Mesos.Tests.Scheduler;

public sealed class StaticMasterDetectorTests
{
    [Fact]
    public async Task A_comma_separated_list_yields_every_master_in_order()
    {
        await using var detector = StaticMasterDetector.Parse("http://m1:5050, https://m2:5443/ignored/path,m3:5050");

        var masters = await detector.DetectAsync(CancellationToken.None);

        Assert.Equal(
            [new Uri("http://m1:5050"), new Uri("https://m2:5443"), new Uri("http://m3:5050")],
            masters);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("zk://zk1:2181/mesos")]
    [InlineData("http://")]
    [InlineData("m1")]
    [InlineData("ftp://m1:21")]
    public void Bad_lists_are_a_clear_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => StaticMasterDetector.Parse(text));
        Assert.Contains("master", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m1:5050,,m3:5050", "Mesos master 2 of 3 is empty")]
    [InlineData("m1:5050,m2:5050,", "Mesos master 3 of 3 is empty")]
    [InlineData("m1:5050,m2:50x0", "Mesos master 2 of 2, 'm2:50x0', is not host:port")]
    [InlineData("m1:5050,m2", "Mesos master 2 of 2, 'm2', is not host:port")]
    public void A_malformed_entry_is_named_by_its_place_in_the_list(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StaticMasterDetector.Parse(text));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m1:5050,m2:5050,m3:5050", null)]
    [InlineData("zk://zk1:2181,zk2:2181/mesos", null)]
    [InlineData("zk://user:hunter2@zk1:2181", "Invalid ZooKeeper URL 'zk://user:***@zk1:2181': it has no path")]
    [InlineData("m1:5050,", "Mesos master 2 of 2 is empty")]
    public void A_master_setting_is_checked_without_starting_a_detector(string text, string? problem)
    {
        var found = MasterDetectors.Problem(text);
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.StartsWith(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Backoff_grows_exponentially_within_jitter_bounds_and_never_exceeds_the_cap()
    {
        var min = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(15);
        Prop.ForAll(
            Gen.Choose(0, 200).ToArbitrary(),
            Gen.Choose(0, 1000).Select(i => i / 1000.0).ToArbitrary(),
            (attempt, random) =>
            {
                var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
                var delay = ReconnectBackoff.Delay(attempt, min, max, random).TotalMilliseconds;
                return delay >= (ceiling / 2) - 1e-6 && delay <= ceiling + 1e-6;
            }).QuickCheckThrowOnFailure();
    }
}
