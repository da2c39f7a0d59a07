using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace RelayMesos.Control.Sources.Tests;

public sealed class HttpSourceTests : IDisposable
{
    private readonly LocalHttpServer server = new();
    private readonly HttpClient client = new();

    // A request that is not meant to time out gets room for a loaded machine's first-call JIT and scheduling.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task Plain_number_body()
    {
        server.Respond("/depth", 200, " 17\n");
        var source = new HttpMetricSource(client, server.Url("/depth"), null, Generous, NullLogger.Instance);
        Assert.Equal(17, (await source.ReadAsync(CancellationToken.None)).Value);
    }

    [Fact]
    public async Task Json_path_into_the_body()
    {
        server.Respond("/stats", 200, """{"data":{"queue":{"depth":23.5},"list":[1,{"x":"8"}]}}""");
        var depth = new HttpMetricSource(client, server.Url("/stats"), JsonPath.Parse("$.data.queue.depth"), Generous, NullLogger.Instance);
        var listed = new HttpMetricSource(client, server.Url("/stats"), JsonPath.Parse("$.data.list[1]['x']"), Generous, NullLogger.Instance);
        var missing = new HttpMetricSource(client, server.Url("/stats"), JsonPath.Parse("$.data.nope"), Generous, NullLogger.Instance);
        Assert.Equal(23.5, (await depth.ReadAsync(CancellationToken.None)).Value);
        Assert.Equal(8, (await listed.ReadAsync(CancellationToken.None)).Value);
        Assert.Contains("matches nothing", (await missing.ReadAsync(CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task Error_status_and_timeout_are_failed_samples()
    {
        server.Respond("/down", 503, "7");
        server.Respond("/slow", 200, "7", delay: TimeSpan.FromSeconds(5));
        var down = new HttpMetricSource(client, server.Url("/down"), null, Generous, NullLogger.Instance);
        var slow = new HttpMetricSource(client, server.Url("/slow"), null, TimeSpan.FromMilliseconds(200), NullLogger.Instance);
        Assert.Contains("503", (await down.ReadAsync(CancellationToken.None)).Failure);
        Assert.Contains("timed out", (await slow.ReadAsync(CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task Prometheus_instant_query_reads_the_first_sample()
    {
        server.Respond("/api/v1/query", 200,
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"q"},"value":[1700000000.1,"42"]},{"metric":{},"value":[1,"1"]}]}}""");
        var source = new PrometheusMetricSource(client, server.Url("/"), "sum(queue_depth)", Generous, NullLogger.Instance);
        Assert.Equal(42, (await source.ReadAsync(CancellationToken.None)).Value);
        Assert.Equal("sum(queue_depth)", server.LastQuery["query"]);
    }

    [Fact]
    public async Task Prometheus_empty_result_and_errors_are_failed_samples()
    {
        var source = new PrometheusMetricSource(client, server.Url("/"), "up", Generous, NullLogger.Instance);
        server.Respond("/api/v1/query", 200, """{"status":"success","data":{"resultType":"vector","result":[]}}""");
        Assert.Contains("no samples", (await source.ReadAsync(CancellationToken.None)).Failure);
        server.Respond("/api/v1/query", 400, """{"status":"error","errorType":"bad_data","error":"parse error"}""");
        Assert.Contains("parse error", (await source.ReadAsync(CancellationToken.None)).Failure);
    }

    /// <summary>A real HTTP server on 127.0.0.1 with an ephemeral port.</summary>
    private sealed class LocalHttpServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Dictionary<string, (int Status, string Body, TimeSpan Delay)> routes = [];
        private readonly int port;

        public LocalHttpServer()
        {
            for (var attempt = 0; ; attempt++)
            {
                // HttpListener cannot bind port 0; take a free port from the OS and claim it.
                using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
                {
                    probe.Start();
                    port = ((IPEndPoint)probe.LocalEndpoint).Port;
                }

                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    break;
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                }
            }

            _ = Task.Run(ServeAsync);
        }

        public System.Collections.Specialized.NameValueCollection LastQuery { get; private set; } = [];

        public Uri Url(string path) => new($"http://127.0.0.1:{port}{path}");

        public void Respond(string path, int status, string body, TimeSpan delay = default)
        {
            lock (routes)
            {
                routes[path] = (status, body, delay);
            }
        }

        public void Dispose() => listener.Close();

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    (int Status, string Body, TimeSpan Delay) route;
                    lock (routes)
                    {
                        route = routes.TryGetValue(context.Request.Url!.AbsolutePath, out var r) ? r : (404, "", TimeSpan.Zero);
                    }

                    LastQuery = context.Request.QueryString;
                    await Task.Delay(route.Delay);
                    var bytes = Encoding.UTF8.GetBytes(route.Body);
                    context.Response.StatusCode = route.Status;
                    try
                    {
                        await context.Response.OutputStream.WriteAsync(bytes);
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
                    {
                    }
                });
            }
        }
    }
}
