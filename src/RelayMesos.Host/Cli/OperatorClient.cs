using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RelayMesos.Host.Cli;

/// <summary>
/// The HTTP API of a running deployment, as the <c>loops</c> commands call it: any member answers, and carries changes
/// to the leader. Every failure becomes an <see cref="OperatorRequestException"/> with one line and an exit code; the
/// token is sent in the Authorization header only and never written anywhere.
/// </summary>
public sealed class OperatorClient : IDisposable
{
    /// <summary>Where the CLI looks when neither <c>--url</c> nor <c>RELAY_MESOS_URL</c> says: <c>run</c>'s default web address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080/";

    // A loop change is journaled by the leader before it answers, and a takeover may be in progress: roomy.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string? _token;

    public OperatorClient(Uri url, string? token)
    {
        _http = new HttpClient { BaseAddress = url, Timeout = Patience };
        _token = token;
    }

    public Uri Url => _http.BaseAddress!;

    /// <exception cref="OperatorRequestException">The request failed: cannot connect, no answer in time, or an error status.</exception>
    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendContentAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <exception cref="OperatorRequestException">The request failed: cannot connect, no answer in time, or an error status.</exception>
    public Task<JsonElement> SendAsync(HttpMethod method, string path, string? hocon, CancellationToken cancellationToken) =>
        SendContentAsync(method, path, hocon is null ? null : new StringContent(hocon, Encoding.UTF8, "text/plain"), cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendContentAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new OperatorRequestException($"cannot reach {Url} ({ex.Message}); is relay-mesos run serving its web API there? (--url, RELAY_MESOS_URL)", ExitCodes.RuntimeFailure);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OperatorRequestException($"{Url} did not answer within {Patience.TotalSeconds:0} s", ExitCodes.RuntimeFailure);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonElement? body = null;
            try
            {
                body = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
            }

            if (response.IsSuccessStatusCode && body is { } answer)
            {
                return answer;
            }

            throw Failure(response.StatusCode, body, text);
        }
    }

    private OperatorRequestException Failure(HttpStatusCode status, JsonElement? body, string text)
    {
        var error = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : $"{(int)status} {status}{(text.Length > 0 ? ": " + OneLine(text) : "")}";
        var hint = status switch
        {
            HttpStatusCode.Unauthorized when _token is null => " (give the operator token: RELAY_MESOS_TOKEN, --token-file or RELAY_WEB_TOKEN_FILE)",
            HttpStatusCode.Unauthorized => " (the token given is not the deployment's)",
            _ => "",
        };

        // What the request names or carries must change (a bad definition, an unknown loop, a token): retrying will not help.
        var exitCode = (int)status is >= 400 and < 500 ? ExitCodes.BadUsage : ExitCodes.RuntimeFailure;
        return new OperatorRequestException(error + hint, exitCode);
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
