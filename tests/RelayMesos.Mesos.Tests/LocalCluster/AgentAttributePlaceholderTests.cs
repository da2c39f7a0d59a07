using RelayMesos.LocalCluster;

namespace RelayMesos.Mesos.Tests.LocalCluster;

public sealed class AgentAttributePlaceholderTests
{
    [Fact]
    public void Index_placeholders_spread_agents_over_racks()
    {
        var specs = new LocalClusterOptions { Agents = 5, Attributes = "rack:r{i%2};slot:{i}" }.BuildAgentSpecs();

        Assert.Equal(["r0", "r1", "r0", "r1", "r0"], specs.Select(s => s.Attributes.Single(a => a.Name == "rack").Text.Value));
        Assert.Equal([0.0, 1, 2, 3, 4], specs.Select(s => s.Attributes.Single(a => a.Name == "slot").Scalar.Value));
    }

    [Fact]
    public void A_zero_modulus_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => AgentAttributes.ForAgent("rack:r{i%0}", 3));
    }
}
