using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Control.Sources;

/// <summary>
/// <c>type = prometheus</c>: the instant-query API (<c>GET /api/v1/query?query=…</c>); the value of the first
/// sample of a vector, or of a scalar. An error status or an empty result is a failed sample.
/// </summary>
public sealed class PrometheusMetricSource(HttpClient client, Uri server, string query, TimeSpan timeout, ILogger logger)
    : IMetricSource
{
    private static readonly JsonPath VectorValue = JsonPath.Parse("$.data.result[0].value[1]");
    private static readonly JsonPath ScalarValue = JsonPath.Parse("$.data.result[1]");

    private readonly Uri queryUrl = new(server, "api/v1/query?query=" + Uri.EscapeDataString(query));

    public async Task<SampleResult> ReadAsync(CancellationToken cancellationToken)
    {
        var body = await HttpBody.GetAsync(client, queryUrl, timeout, cancellationToken).ConfigureAwait(false);
        var sample = body.Failure is not null && body.Text.Length == 0 ? SampleResult.Failed(body.Failure) : Read(body.Text);
        if (!sample.Succeeded)
        {
            logger.LogWarning("Prometheus query {Query} failed: {Reason}", query, sample.Failure);
        }

        return sample;
    }

    private static SampleResult Read(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (!root.TryGetProperty("status", out var status) || status.GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var e) ? e.ToString() : "no status";
                return SampleResult.Failed($"query failed: {error}");
            }

            var type = root.GetProperty("data").GetProperty("resultType").GetString();
            return type switch
            {
                "vector" when root.GetProperty("data").GetProperty("result").GetArrayLength() == 0 =>
                    SampleResult.Failed("query returned no samples"),
                "vector" => VectorValue.Select(root),
                "scalar" => ScalarValue.Select(root),
                _ => SampleResult.Failed($"result type '{type}' is neither vector nor scalar"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return SampleResult.Failed($"not a Prometheus query response: {e.Message}");
        }
    }
}
