using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

public class ConfigurationProviderTests
{
    [Fact]
    public void Keys_use_colons_arrays_use_indexes_and_durations_stay_text()
    {
        var hocon = Hocon.Parse("relay { delay = 5s, size = 64MiB, hosts = [a, b], on = true, n = null, ratio = 0.5 }");
        var configuration = new ConfigurationBuilder().AddHocon(hocon).Build();
        Assert.Equal("5s", configuration["relay:delay"]);
        Assert.Equal("a", configuration["relay:hosts:0"]);
        Assert.Equal("b", configuration["Relay:Hosts:1"]);
        Assert.Null(configuration["relay:n"]);
        Assert.Equal(TimeSpan.FromSeconds(5), configuration.GetDuration("relay.delay", TimeSpan.Zero));
        Assert.Equal(64L << 20, configuration.GetBytes("relay.size", 0));
        Assert.True(configuration.GetBool("relay.on", false));
        Assert.Equal(0.5, configuration.GetDouble("relay.ratio", 0));
        Assert.Equal(["a", "b"], configuration.GetSection("relay:hosts").GetChildren().Select(c => c.Value));
    }

    [Fact]
    public void Unresolved_config_is_resolved_against_the_process_environment()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        Assert.False(string.IsNullOrEmpty(path));
        var configuration = new ConfigurationBuilder().AddHocon(HoconConfig.ParseString("p = ${PATH}")).Build();
        Assert.Equal(path, configuration["p"]);
    }

    [Fact]
    public void Hocon_file_source_and_optional_missing_file()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("app.hocon", "a { b = 1 }\nc = ${a.b}");
        var configuration = new ConfigurationBuilder()
            .AddHoconFile(file)
            .AddHoconFile(Path.Combine(dir.Path, "missing.hocon"), optional: true)
            .Build();
        Assert.Equal("1", configuration["c"]);
        Assert.Throws<HoconException>(() => new ConfigurationBuilder().AddHoconFile(Path.Combine(dir.Path, "missing.hocon")).Build());
    }

    [Fact]
    public void Later_sources_override_earlier_ones()
    {
        var configuration = new ConfigurationBuilder()
            .AddHocon(Hocon.Parse("a = 1\nb = 2"))
            .AddHocon(Hocon.Parse("a = 3"))
            .Build();
        Assert.Equal("3", configuration["a"]);
        Assert.Equal("2", configuration["b"]);
    }
}
