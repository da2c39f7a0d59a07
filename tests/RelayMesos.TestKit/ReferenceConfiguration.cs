using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.TestKit;

/// <summary>
/// The reference akka.hocon of this checkout with a test's own values on top, as the binders meet it at run time:
/// the binders read every key the reference declares without a default of their own, so a test without the
/// reference would test a configuration no user can have.
/// </summary>
public static class ReferenceConfiguration
{
    private static readonly HoconConfig Reference =
        HoconConfig.ParseString(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "akka.hocon")), "akka.hocon");

    /// <summary>The reference under <paramref name="hocon"/>, resolved without environment variables.</summary>
    public static IConfiguration WithHocon(string hocon) =>
        new ConfigurationBuilder()
            .AddHocon(HoconConfig.ParseString(hocon).WithFallback(Reference).Resolve(new Dictionary<string, string?>()))
            .Build();

    /// <summary>The reference under single keys, each as <c>--set key=value</c> would set it.</summary>
    public static IConfiguration With(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder()
            .AddHocon(Reference.Resolve(new Dictionary<string, string?>()))
            .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key.Replace('.', ':'), p.Value)))
            .Build();
}
