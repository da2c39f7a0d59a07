using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

public sealed class ZooKeeperUrlTests
{
    [Fact]
    public void Parses_hosts_ports_path_and_digest_credentials()
    {
        var url = ZooKeeperUrl.Parse("zk://relay:p%40ss:word@zk1:2181,zk2,[::1]:2182/mesos/prod");

        Assert.Equal(
            [new ZooKeeperServerAddress("zk1", 2181), new ZooKeeperServerAddress("zk2", 2181), new ZooKeeperServerAddress("::1", 2182)],
            url.Servers);
        Assert.Equal("/mesos/prod", url.Path);
        Assert.Equal(new ZooKeeperDigestCredentials("relay", "p@ss:word"), url.Credentials);
        Assert.Equal("zk://relay:***@zk1:2181,zk2:2181,[::1]:2182/mesos/prod", url.ToString());
    }

    [Fact]
    public void A_url_without_credentials_has_none()
    {
        var url = ZooKeeperUrl.Parse("  ZK://10.0.0.1:2181/mesos ");

        Assert.Null(url.Credentials);
        Assert.Equal("zk://10.0.0.1:2181/mesos", url.ToString());
    }

    [Theory]
    [InlineData("zk://zk1:2181/", "root")]
    [InlineData("zk://zk1:2181", "no path")]
    [InlineData("http://zk1:2181/mesos", "must start with zk://")]
    [InlineData("zk://zk1:99999/mesos", "port '99999'")]
    [InlineData("zk://zk1:abc/mesos", "port 'abc'")]
    [InlineData("zk://zk1,,zk2/mesos", "empty")]
    [InlineData("zk:///mesos", "empty")]
    [InlineData("zk://zk1/mesos/", "must not end with '/'")]
    [InlineData("zk://zk1/mesos//x", "empty, '.', '..'")]
    [InlineData("zk://zk1/mesos/../x", "empty, '.', '..'")]
    [InlineData("zk://[::1/mesos", "unclosed [")]
    [InlineData("zk://nopassword@zk1/mesos", "user:password")]
    public void Malformed_urls_are_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ZooKeeperUrl.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_show_the_password()
    {
        var error = Assert.Throws<FormatException>(() => ZooKeeperUrl.Parse("zk://relay:topsecret@zk1:70000/mesos"));

        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("relay:***@zk1:70000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_print_without_the_password() =>
        Assert.Equal("relay:***", new ZooKeeperDigestCredentials("relay", "topsecret").ToString());
}
