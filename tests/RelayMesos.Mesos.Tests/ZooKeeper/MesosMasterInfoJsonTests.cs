using System.Text;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

public sealed class MesosMasterInfoJsonTests
{
    [Theory]
    [InlineData("""{"address":{"hostname":"m1.example","ip":"10.0.0.5","port":5050},"hostname":"m1.example","ip":83886090,"port":5050}""", "http://10.0.0.5:5050/")]
    [InlineData("""{"address":{"hostname":"m1.example","port":5051},"port":5050}""", "http://m1.example:5051/")]
    [InlineData("""{"address":{"ip":"fd00::5","port":5050}}""", "http://[fd00::5]:5050/")]
    [InlineData("""{"hostname":"old.example","ip":83886090,"port":5052}""", "http://old.example:5052/")]
    [InlineData("""{"ip":83886090,"port":5053}""", "http://10.0.0.5:5053/")]
    [InlineData("""{"ip":83886090}""", "http://10.0.0.5:5050/")]
    public void The_scheduler_address_comes_from_address_then_the_deprecated_fields(string json, string expected) =>
        Assert.Equal(new Uri(expected), MesosMasterInfoJson.ParseBaseUri(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("master@10.0.0.5:5050", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"id":"x","ip":0}""", "no address.ip")]
    [InlineData("""{"address":{"ip":"10.0.0.5","port":70000}}""", "address.port is 70000")]
    [InlineData("""{"address":{"ip":"10.0.0.5","port":"5050"}}""", "address.port is \"5050\"")]
    [InlineData("""{"address":{"hostname":"bad host!","port":5050}}""", "not a valid host name")]
    public void Unusable_master_info_is_a_format_error_that_says_why(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => MesosMasterInfoJson.ParseBaseUri(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packed_ip_is_in_network_byte_order() =>
        Assert.Equal("192.168.1.20", MesosMasterInfoJson.FromNetworkOrder(BitConverter.ToUInt32([192, 168, 1, 20])));
}
