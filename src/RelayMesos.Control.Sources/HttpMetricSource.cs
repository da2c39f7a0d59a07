using Microsoft.Extensions.Logging;

namespace RelayMesos.Control.Sources;

/// <summary>
/// <c>type = http</c>: GET a URL; the body is a plain number, or JSON read at <c>json-path</c>.
/// A non-success status, a bad body or the timeout is a failed sample.
/// </summary>
public sealed class HttpMetricSource(HttpClient client, Uri url, JsonPath? path, TimeSpan timeout, ILogger logger)
    : IMetricSource
{
    public async Task<SampleResult> ReadAsync(CancellationToken cancellationToken)
    {
        var body = await HttpBody.GetAsync(client, url, timeout, cancellationToken).ConfigureAwait(false);
        var sample = body.Failure is not null ? SampleResult.Failed(body.Failure)
            : path is null ? NumberText.Parse(body.Text, "response body")
            : HttpBody.SelectJson(body.Text, path);
        if (!sample.Succeeded)
        {
            // The URL's query or user info may carry credentials; the path alone identifies the source.
            logger.LogWarning("HTTP metric {Path} failed: {Reason}", url.AbsolutePath, sample.Failure);
        }

        return sample;
    }
}
