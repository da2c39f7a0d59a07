using System.Globalization;
using Microsoft.Extensions.Configuration;
using RelayMesos.Control.Sources;

namespace RelayMesos.Host.Tests;

/// <summary>A plugin metric source with a setting of its own (<c>answer</c>), loaded by relay-mesos from this test assembly.</summary>
public sealed class AnswerPluginSource(IConfiguration section) : IMetricSource
{
    public Task<SampleResult> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SampleResult.Success(double.Parse(section["answer"] ?? "0", CultureInfo.InvariantCulture)));
}
