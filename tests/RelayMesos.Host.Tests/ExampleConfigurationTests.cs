using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Settings;
using RelayMesos.Hocon;
using RelayMesos.Host.Configuration;

namespace RelayMesos.Host.Tests;

/// <summary>Every example in config/ must load and bind exactly as `relay-mesos run --config` would.</summary>
public sealed class ExampleConfigurationTests
{
    private static readonly string ConfigDirectory = RepositoryFiles.PathOf("config");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ConfigDirectory, "*.hocon").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_binds_every_setting_run_reads(string example)
    {
        var hocon = RelayConfigurationLoader.Load(new ConfigurationLayers([Path.Combine(ConfigDirectory, example)], []), new Dictionary<string, string?>());
        var config = new ConfigurationBuilder().AddHocon(hocon).Build();

        RelaySettingsCheck.Check(config);
        var framework = FrameworkSettingsBinder.Bind(config, ControllerSettingsBinder.Bind(config));

        Assert.True(framework.Warmer.Length > 0 || framework.Cooler.Length > 0);
    }

    [Fact]
    public void The_reference_configuration_alone_is_the_demo()
    {
        var hocon = RelayConfigurationLoader.Load(ConfigurationLayers.Empty, new Dictionary<string, string?>());
        var config = new ConfigurationBuilder().AddHocon(hocon).Build();

        var framework = FrameworkSettingsBinder.Bind(config, ControllerSettingsBinder.Bind(config));

        Assert.Equal("local", framework.Master);
        Assert.Equal("tasks", config.GetText("relay.metric.type"));
        Assert.Equal("wave", config.GetText("relay.target.type"));
    }
}
