using System.Net.Http.Headers;
using System.Text;
using RelayMesos.LocalCluster;
using RelayMesos.LocalCluster.Http;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.RecordIO;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.LocalCluster;

/// <summary>Plain HttpClient calls, for checking exact status codes and headers the client library hides.</summary>
internal sealed class RawScheduler(LocalMesosCluster cluster, string? basicAuthorization = null) : IAsyncDisposable
{
    public const string Path = "/api/v1/scheduler";
    private readonly HttpClient calls = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = cluster.MasterUri, Timeout = TimeSpan.FromSeconds(10) };
    private readonly HttpClient streams = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = cluster.MasterUri, Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<RawStream> opened = [];

    public static string Json(Call call) => ProtoJson.Formatter.Format(call);

    public static Call SubscribeCall(FrameworkInfo info) => new()
    {
        Type = Call.Types.Type.Subscribe,
        FrameworkId = info.Id?.Clone(),
        Subscribe = new Call.Types.Subscribe { FrameworkInfo = info },
    };

    public Task<HttpResponseMessage> PostAsync(
        string? body, string? contentType = "application/json", string path = Path, string? accept = null, string? streamId = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = null;
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (streamId is not null)
        {
            request.Headers.Add("Mesos-Stream-Id", streamId);
        }

        if (basicAuthorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(basicAuthorization);
        }

        return calls.SendAsync(request);
    }

    public async Task<RawStream> SubscribeAsync(FrameworkInfo info, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new ByteArrayContent(mediaType == "application/json"
                ? Encoding.UTF8.GetBytes(Json(SubscribeCall(info)))
                : Google.Protobuf.MessageExtensions.ToByteArray(SubscribeCall(info))),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        request.Headers.TryAddWithoutValidation("Accept", mediaType);
        if (basicAuthorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(basicAuthorization);
        }

        var response = await streams.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = new RawStream(response, MesosMessageCodec.ForMediaType(mediaType)!);
        opened.Add(stream);
        return stream;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stream in opened)
        {
            await stream.DisposeAsync();
        }

        calls.Dispose();
        streams.Dispose();
    }

    /// <summary>An open SUBSCRIBE response decoded record by record.</summary>
    internal sealed class RawStream : IAsyncDisposable
    {
        private readonly Task pump;

        public RawStream(HttpResponseMessage response, MesosMessageCodec codec)
        {
            Response = response;
            StreamId = response.Headers.TryGetValues("Mesos-Stream-Id", out var ids) ? ids.Single() : string.Empty;
            pump = PumpAsync(codec);
        }

        public HttpResponseMessage Response { get; }

        public string StreamId { get; }

        public EventLog Events { get; } = new();

        /// <summary>True once the master ended the response.</summary>
        public Task Ended => pump;

        public async ValueTask DisposeAsync()
        {
            Response.Dispose();
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        private async Task PumpAsync(MesosMessageCodec codec)
        {
            try
            {
                if (!Response.IsSuccessStatusCode)
                {
                    return;
                }

                await using var reader = new RecordIOReader(await Response.Content.ReadAsStreamAsync());
                while (true)
                {
                    var (found, @event) = await reader.ReadRecordAsync(codec.DecodeEvent);
                    if (!found)
                    {
                        return;
                    }

                    Events.Add(@event);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
            {
                // The test closed the stream.
            }
            finally
            {
                Events.Complete();
            }
        }
    }
}
