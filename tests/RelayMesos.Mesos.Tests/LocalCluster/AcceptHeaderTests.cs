using RelayMesos.LocalCluster.Http;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class AcceptHeaderTests
{
    [Theory]
    [InlineData(new string[0], "application/json", true)]
    [InlineData(new[] { "application/json" }, "application/json", true)]
    [InlineData(new[] { "application/x-protobuf" }, "application/json", false)]
    [InlineData(new[] { "*/*" }, "application/x-protobuf", true)]
    [InlineData(new[] { "application/*;q=0.5" }, "application/json", true)]
    [InlineData(new[] { "application/*, application/json;q=0" }, "application/json", false)]
    [InlineData(new[] { "application/recordio" }, "application/json", false)]
    [InlineData(new[] { "text/plain", "application/x-protobuf" }, "application/x-protobuf", true)]
    public void The_most_specific_matching_range_decides(string[] header, string mediaType, bool accepted) =>
        Assert.Equal(accepted, AcceptHeader.Accepts(header, mediaType));
}
