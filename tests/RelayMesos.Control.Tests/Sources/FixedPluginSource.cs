using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RelayMesos.Control.Sources.Tests;

/// <summary>Loaded by the plugin source from this test assembly's file.</summary>
public sealed class FixedPluginSource(IConfiguration section) : IMetricSource
{
    public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SampleResult.Success(double.Parse(section["answer"] ?? "0", CultureInfo.InvariantCulture)));
}
