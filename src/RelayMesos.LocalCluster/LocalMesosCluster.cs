using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.LocalCluster.Http;
using RelayMesos.LocalCluster.Master;

namespace RelayMesos.LocalCluster;

/// <summary>
/// An in-process Mesos master with N agents (like mesos-local) serving the v1 scheduler API on 127.0.0.1 and
/// running tasks as real child processes. Stopping it kills every task process.
/// </summary>
public sealed class LocalMesosCluster : IAsyncDisposable
{
    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = false, Converters = { new Http.MesosDoubleJsonConverter() } };

    private readonly LocalClusterOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private WebApplication? app;
    private LocalMaster? master;
    private CancellationTokenSource? ticking;
    private Task? tickLoop;
    private string? ownedWorkDir;

    public LocalMesosCluster(LocalClusterOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/ once started (the real port when <see cref="LocalClusterOptions.Port"/> is 0).</summary>
    public Uri MasterUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Root of the agents' sandboxes.</summary>
    public string WorkDir { get; private set; } = string.Empty;

    public IReadOnlyCollection<string> AgentIds => Master.AgentIds;

    private LocalMaster Master => master ?? throw new InvalidOperationException("The local cluster has not been started.");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (app is not null)
            {
                throw new InvalidOperationException("The local cluster is already started.");
            }

            var specs = options.BuildAgentSpecs();
            if (options.WorkDir is null)
            {
                ownedWorkDir = Path.Combine(Path.GetTempPath(), "relay-mesos-local-" + Guid.NewGuid().ToString("N"));
            }

            WorkDir = Path.GetFullPath(options.WorkDir ?? ownedWorkDir!);
            Directory.CreateDirectory(WorkDir);
            master = new LocalMaster(options, specs, WorkDir, loggerFactory.CreateLogger<LocalMesosCluster>(), time);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
            var built = builder.Build();
            MapRoutes(built, new SchedulerEndpoint(master, options));
            await built.StartAsync(cancellationToken).ConfigureAwait(false);
            app = built;

            var address = built.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            MasterUri = new Uri($"http://127.0.0.1:{port}/");
            master.SetPort(port);

            ticking = new CancellationTokenSource();
            tickLoop = TickAsync(master, ticking.Token);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>Starts the cluster and keeps it running until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is the normal way to stop.
        }
        finally
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes an agent away as if it were lost: its tasks become TASK_UNREACHABLE (TASK_LOST without PARTITION_AWARE),
    /// as Mesos marks an agent whose pings go unanswered.
    /// </summary>
    public bool RemoveAgent(string agentId) => Master.MarkAgentUnreachable(agentId);

    /// <summary>The operator API's MARK_AGENT_GONE: its tasks end TASK_GONE_BY_OPERATOR (TASK_LOST without PARTITION_AWARE).</summary>
    public bool MarkAgentGone(string agentId) => Master.MarkAgentGone(agentId);

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (app is null || master is null)
            {
                return;
            }

            var exits = master.Stop();
            await ticking!.CancelAsync().ConfigureAwait(false);
            await tickLoop!.ConfigureAwait(false);
            await Task.WhenAll(exits).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            ticking.Dispose();
            app = null;
            if (ownedWorkDir is not null && Directory.Exists(ownedWorkDir))
            {
                Directory.Delete(ownedWorkDir, recursive: true);
            }
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        lifecycle.Dispose();
    }

    private void MapRoutes(WebApplication web, SchedulerEndpoint scheduler)
    {
        web.Map("/api/v1/scheduler", scheduler.HandleAsync);
        web.Map("/master/api/v1/scheduler", scheduler.HandleAsync);
        web.MapGet("/master/state", (HttpContext context) => WriteStateAsync(context));
        web.MapGet("/state", (HttpContext context) => WriteStateAsync(context));
        web.MapGet("/health", () => Results.Text("OK"));
        web.MapPost("/admin/agents/{id}/remove", (string id) => Master.MarkAgentUnreachable(id) ? Results.Accepted() : Results.NotFound($"Agent {id} is not registered"));
        web.MapPost("/api/v1", (HttpContext context) => OperatorCallAsync(context));
    }

    /// <summary>
    /// Mesos' operator API at /api/v1, as far as tests need it: MARK_AGENT_GONE in JSON
    /// ({"type":"MARK_AGENT_GONE","mark_agent_gone":{"agent_id":{"value":"…"}}}), answered 200 with no body.
    /// </summary>
    private async Task OperatorCallAsync(HttpContext context)
    {
        if (context.Request.ContentType != "application/json")
        {
            // As Mesos compares it: exactly, so "application/json; charset=utf-8" is refused too.
            await Results.Text($"Expecting 'Content-Type' of application/json", statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        string? type = null;
        string? agentId = null;
        try
        {
            using var call = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            type = call.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            agentId = call.RootElement.TryGetProperty("mark_agent_gone", out var gone) ? gone.GetProperty("agent_id").GetProperty("value").GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            type = null;
        }

        var result = (type, agentId) switch
        {
            ("MARK_AGENT_GONE", { } id) => Master.MarkAgentGone(id) ? Results.Ok() : Results.NotFound($"Agent {id} is not registered"),
            ("MARK_AGENT_GONE", null) => Results.BadRequest("Expecting 'mark_agent_gone' to be present"),
            _ => Results.BadRequest("This master's operator API serves MARK_AGENT_GONE (JSON) only"),
        };
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private Task WriteStateAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(Master.StateSnapshot(), StateJson), context.RequestAborted);
    }

    private async Task TickAsync(LocalMaster running, CancellationToken cancellation)
    {
        var shortest = new[] { options.AllocationInterval, options.StatusRetryInterval, options.OfferTimeout ?? TimeSpan.MaxValue }.Min();
        var period = TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 10, 250));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                running.Tick();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
