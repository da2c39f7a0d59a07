using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RelayMesos.LocalCluster.Health;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Mesos.Tests.LocalCluster.Health;

public sealed class HealthProbeTests : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly HealthProbe probe;
    private readonly string sandbox = Directory.CreateTempSubdirectory("health-probe-").FullName;

    public HealthProbeTests()
    {
        probe = new HealthProbe(http);
    }

    [Fact]
    public async Task A_command_check_runs_in_the_sandbox_with_the_task_environment()
    {
        File.WriteAllText(Path.Combine(sandbox, "ready"), "yes");
        var check = Command("test -f ready && test \"$MESOS_TASK_ID\" = t-1");

        var passed = await probe.RunAsync(check, sandbox, new Dictionary<string, string> { ["MESOS_TASK_ID"] = "t-1" }, CancellationToken.None);
        var wrongTask = await probe.RunAsync(check, sandbox, new Dictionary<string, string> { ["MESOS_TASK_ID"] = "t-2" }, CancellationToken.None);

        Assert.True(passed.Healthy, passed.Message);
        Assert.False(wrongTask.Healthy);
        Assert.Contains("exited with status 1", wrongTask.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_check_reports_its_exit_status_and_stderr()
    {
        var result = await probe.RunAsync(Command("echo database unreachable >&2; exit 3"), sandbox, new Dictionary<string, string>(), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Equal("Command health check exited with status 3: database unreachable", result.Message);
    }

    [Fact]
    public async Task A_command_check_that_outlives_its_timeout_fails_and_what_it_forked_is_killed()
    {
        var pidFile = Path.Combine(sandbox, "pid");
        var check = Command("sleep 30 & echo $! > pid; wait");
        check.TimeoutSeconds = 0.5;

        var result = await probe.RunAsync(check, sandbox, new Dictionary<string, string>(), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("timed out", result.Message, StringComparison.Ordinal);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await ProcessProbe.WaitUntilGoneAsync(pid);
        Assert.False(ProcessProbe.IsRunning(pid), $"the check's child {pid} still runs after the timeout");
    }

    [Theory]
    [InlineData("/ok", true)]
    [InlineData("/moved", true)]
    [InlineData("/broken", false)]
    [InlineData("/missing", false)]
    public async Task An_http_check_counts_2xx_and_3xx_as_healthy(string path, bool healthy)
    {
        await using var server = await StartServerAsync();
        var check = new HealthCheck
        {
            Type = HealthCheck.Types.Type.Http,
            Http = new HealthCheck.Types.HTTPCheckInfo { Port = (uint)server.Port, Path = path },
            TimeoutSeconds = 5,
        };

        var result = await probe.RunAsync(check, sandbox, new Dictionary<string, string>(), CancellationToken.None);

        Assert.Equal(healthy, result.Healthy);
        Assert.Equal([path], server.Requests);
    }

    [Fact]
    public async Task An_http_check_of_a_closed_port_fails()
    {
        var check = new HealthCheck { Type = HealthCheck.Types.Type.Http, Http = new HealthCheck.Types.HTTPCheckInfo { Port = (uint)ClosedPort(), Path = "/" }, TimeoutSeconds = 5 };

        var result = await probe.RunAsync(check, sandbox, new Dictionary<string, string>(), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("failed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tcp_check_passes_while_something_listens_and_fails_once_it_stopped()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var check = new HealthCheck { Type = HealthCheck.Types.Type.Tcp, Tcp = new HealthCheck.Types.TCPCheckInfo { Port = (uint)port }, TimeoutSeconds = 5 };

        var listening = await probe.RunAsync(check, sandbox, new Dictionary<string, string>(), CancellationToken.None);
        listener.Stop();
        var stopped = await probe.RunAsync(check, sandbox, new Dictionary<string, string>(), CancellationToken.None);

        Assert.True(listening.Healthy, listening.Message);
        Assert.False(stopped.Healthy);
    }

    [Fact]
    public void Checks_Mesos_would_refuse_are_invalid()
    {
        Assert.NotNull(HealthProbe.Validate(new HealthCheck { Type = HealthCheck.Types.Type.Command }));
        Assert.NotNull(HealthProbe.Validate(new HealthCheck { Type = HealthCheck.Types.Type.Http }));
        Assert.NotNull(HealthProbe.Validate(new HealthCheck()));
        Assert.NotNull(HealthProbe.Validate(new HealthCheck { Type = HealthCheck.Types.Type.Tcp, Tcp = new HealthCheck.Types.TCPCheckInfo { Port = 1 }, IntervalSeconds = 0 }));
        Assert.Null(HealthProbe.Validate(Command("true")));
    }

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(sandbox, recursive: true);
    }

    private static HealthCheck Command(string command) =>
        new() { Type = HealthCheck.Types.Type.Command, Command = new CommandInfo { Value = command }, TimeoutSeconds = 10 };

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<RecordingServer> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var requests = new List<string>();
        app.Run(context =>
        {
            lock (requests)
            {
                requests.Add(context.Request.Path.Value ?? "");
            }

            context.Response.StatusCode = context.Request.Path.Value switch
            {
                "/ok" => StatusCodes.Status200OK,
                "/moved" => StatusCodes.Status302Found,
                "/broken" => StatusCodes.Status500InternalServerError,
                _ => StatusCodes.Status404NotFound,
            };
            if (context.Response.StatusCode == StatusCodes.Status302Found)
            {
                context.Response.Headers.Location = "/ok";
            }

            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RecordingServer(app, new Uri(address).Port, requests);
    }

    private sealed record RecordingServer(WebApplication App, int Port, List<string> Requests) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
