using System.Text.Json;

namespace RelayMesos.Control.Sources;

internal static class HttpBody
{
    public static async Task<(string Text, string? Failure)> GetAsync(
        HttpClient client, Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(url, deadline.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? (text, null)
                : (text, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (string.Empty, $"timed out after {timeout.TotalMilliseconds} ms");
        }
        catch (HttpRequestException e)
        {
            return (string.Empty, $"request failed: {e.Message}");
        }
    }

    public static SampleResult SelectJson(string text, JsonPath path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return path.Select(document.RootElement);
        }
        catch (JsonException e)
        {
            return SampleResult.Failed($"body is not JSON: {e.Message}");
        }
    }
}
