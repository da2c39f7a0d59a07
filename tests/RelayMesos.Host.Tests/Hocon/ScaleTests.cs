using System.Text;

namespace RelayMesos.Host.Tests.Hocon;

/// <summary>Large inputs go through every path correctly (speed is left to benchmarks).</summary>
public class ScaleTests
{
    [Fact]
    public void Many_keys_under_one_prefix_and_a_substitution_chain()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append("relay.settings.key").Append(i).Append(" = ").Append(i).Append('\n');
        }

        for (var i = 1; i < 1000; i++)
        {
            text.Append("chain.c").Append(i).Append(" = ${chain.c").Append(i - 1).Append("}\n");
        }

        text.Append("chain.c0 = end\n");
        var config = Hocon.Parse(text.ToString());
        Assert.Equal(4999, config.GetInt("relay.settings.key4999"));
        Assert.Equal("end", config.GetString("chain.c999"));
        Assert.Equal(5000 + 1000, config.Entries().Count);
    }

    [Fact]
    public void Deep_nesting_and_long_self_reference_stacks()
    {
        var text = new StringBuilder("path = \"\"\n");
        for (var i = 0; i < 500; i++)
        {
            text.Append("path = ${path}\":").Append(i).Append("\"\n");
        }

        var config = Hocon.Parse(text.ToString());
        Assert.EndsWith(":498:499", config.GetString("path"), StringComparison.Ordinal);
        Assert.StartsWith(":0:1:2", config.GetString("path"), StringComparison.Ordinal);
    }
}
