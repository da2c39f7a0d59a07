using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using RelayMesos.Framework.Actors;
using RelayMesos.Host.Running;

namespace RelayMesos.Host.Web;

/// <summary>
/// The web UI and HTTP API of one running instance, served by Kestrel on the same host as the actor system: pages and
/// figures come from what <see cref="RelayObserver"/> collected, operator actions go to the framework singleton
/// wherever it runs.
/// </summary>
public sealed class RelayWebApi(RelayNode node, RelayObserver observer, RelayMetrics metrics, OperatorToken? token, ILoggerFactory loggers)
{
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a history answer waits for the journal before it answers from memory (a store that is down).</summary>
    private static readonly TimeSpan JournalReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How many recent entries the chart's first event carries: as many as it draws.</summary>
    private const int ChartSteps = 600;

    // A loop change reads and checks the definition and journals it before the framework answers.
    private static readonly TimeSpan LoopChangeTimeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly ILogger _logger = loggers.CreateLogger("RelayMesos.Web");

    /// <summary>Requests bodies larger than this are refused: no route takes more than a small JSON object.</summary>
    public const long MaxRequestBodySize = 64 * 1024;

    /// <summary>Whether state-changing calls are possible at all (a token is configured).</summary>
    public bool AcceptsActions => token is not null;

    public void Map(IEndpointRouteBuilder app)
    {
        MapPage(app, "/", "index.html", "text/html; charset=utf-8");
        MapPage(app, "/app.css", "app.css", "text/css; charset=utf-8");
        MapPage(app, "/app.js", "app.js", "text/javascript; charset=utf-8");
        MapPage(app, "/events-worker.js", "events-worker.js", "text/javascript; charset=utf-8");
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", ReadyAsync);
        app.MapGet("/api/status", StatusAsync);
        app.MapGet("/api/tasks", Tasks);
        app.MapGet("/api/loops", Loops);
        app.MapPost("/api/loops", (Func<HttpContext, Task<IResult>>)(http => ApplyAsync(http, null)));
        app.MapGet("/api/loops/{name}", (string name) => Loop(name));
        app.MapPut("/api/loops/{name}", (HttpContext http, string name) => ApplyAsync(http, name));
        app.MapDelete("/api/loops/{name}", (HttpContext http, string name) => RemoveAsync(http, name));
        app.MapGet("/api/loops/{name}/history", (string name, string? since, int? limit, CancellationToken cancellationToken) =>
            HistoryAsync(name, since, limit, cancellationToken));
        app.MapGet("/api/loops/{name}/events", (HttpContext http, IHostApplicationLifetime lifetime, string name) => EventsAsync(http, lifetime, name));
        app.MapPost("/api/loops/{name}/pause", (HttpContext http, string name) => ActAsync(http, new ForLoop(name, PauseController.Instance)));
        app.MapPost("/api/loops/{name}/resume", (HttpContext http, string name) => ActAsync(http, new ForLoop(name, ResumeController.Instance)));
        app.MapPost("/api/loops/{name}/target", (HttpContext http, string name) => SetTargetAsync(http, name));
        app.MapGet("/api/history", (string? since, int? limit, CancellationToken cancellationToken) =>
            HistoryAsync(observer.FirstLoop, since, limit, cancellationToken));
        app.MapGet("/api/events", (HttpContext http, IHostApplicationLifetime lifetime) => EventsAsync(http, lifetime, observer.FirstLoop));
        app.MapMetrics("/metrics", metrics.Registry);
        // Typed as Func so the result is written: a bare HttpContext lambda would bind as a RequestDelegate and drop it.
        app.MapPost("/api/actions/pause", (Func<HttpContext, Task<IResult>>)(http => ActAsync(http, PauseController.Instance)));
        app.MapPost("/api/actions/resume", (Func<HttpContext, Task<IResult>>)(http => ActAsync(http, ResumeController.Instance)));
        app.MapPost("/api/actions/target", (Func<HttpContext, Task<IResult>>)(http => SetTargetAsync(http, null)));
    }

    private static void MapPage(IEndpointRouteBuilder app, string route, string resource, string contentType)
    {
        using var stream = typeof(RelayWebApi).Assembly.GetManifestResourceStream("web/" + resource)
            ?? throw new InvalidOperationException($"The web UI resource {resource} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        app.MapGet(route, () => Results.Bytes(bytes, contentType));
    }

    private async Task<IResult> StatusAsync(CancellationToken cancellationToken)
    {
        var s = observer.Current;
        var leading = Leading(s);
        return Results.Json(
            new
            {
                role = leading ? "leader" : "standby",
                instanceId = node.InstanceId,
                leader = await LeaderAsync(s, cancellationToken).ConfigureAwait(false),
                frameworkId = s.FrameworkId,
                master = s.SubscribedMaster ?? node.Master,
                subscribed = s.Subscribed,
                disconnectReason = s.DisconnectReason,
                paused = s.Operator?.Paused ?? false,
                targetOverride = s.Operator?.TargetOverride,
                lastDecision = await LastDecisionAsync(s, leading, cancellationToken).ConfigureAwait(false),
                demand = DemandJson(s.Demand),
                tasks = s.Tasks.Tasks.Values.GroupBy(t => RelayMetrics.StateName(t.State)).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                samples = s.Samples,
                sampleFailures = s.SampleFailures,
                lastSampleFailure = s.LastSampleFailure,
                recentProblems = s.Problems.Reverse().Take(10),
            },
            Json);
    }

    /// <summary>
    /// The newest step this instance can vouch for. The leader that has stepped in its term answers from memory (it is
    /// the only writer). Every other answer takes the newest journaled step when it is newer than what this instance saw,
    /// flagged <c>recovered</c>: a new leader that has not stepped yet, a standby whose live feed lags or was cut off (a
    /// frozen member that woke up to find itself deposed and downed hears nothing more). The journal is the truth, so a
    /// client that asks one member and then another never sees the step number go back.
    /// </summary>
    private async Task<object?> LastDecisionAsync(ObservedState s, bool leading, CancellationToken cancellationToken)
    {
        var d = s.LastDecision;
        var seen = d is null ? null : LastDecisionView.Seen(d);
        if (leading && !s.AwaitsFirstStep)
        {
            return seen;
        }

        try
        {
            var journaled = (await node.History.ReadAsync(cancellationToken).ConfigureAwait(false)).LastOrDefault(e => e.Kind == "step");
            return journaled is not null && journaled.Step >= (seen?.Step ?? 0)
                ? LastDecisionView.Of(journaled, recovered: true)
                : seen;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return seen;
        }
    }

    /// <summary>Who leads: this instance, or what the singleton's lease row says (standbys).</summary>
    private async Task<object?> LeaderAsync(ObservedState s, CancellationToken cancellationToken)
    {
        if (Leading(s))
        {
            return new { instanceId = node.InstanceId, epoch = s.Leadership!.Epoch, live = true };
        }

        try
        {
            var info = await node.ReadLeaderAsync(cancellationToken).ConfigureAwait(false);
            return info is null ? null : new { instanceId = info.HolderId, epoch = (long?)info.Epoch, live = !info.IsExpired, expiresAt = info.ExpiresAt };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new { error = $"the lease could not be read: {ex.Message}" };
        }
    }

    /// <summary>
    /// Ready: the leader when subscribed to Mesos; a standby when it is a cluster member and some other member holds a
    /// live lease (it then forwards operator actions there). Either way the answer says who leads.
    /// </summary>
    private async Task<IResult> ReadyAsync(CancellationToken cancellationToken)
    {
        if (DatabaseUnavailable(null) is { } why)
        {
            return NotReady(why);
        }

        var s = observer.Current;
        var members = node.Members;
        if (Leading(s))
        {
            return s.Subscribed
                ? Results.Json(new { ready = true, role = "leader", leader = node.InstanceId, members }, Json)
                : NotReady("leading but not subscribed to Mesos" + (s.DisconnectReason is null ? "" : $": {s.DisconnectReason}"));
        }

        if (s.IsLeader)
        {
            // The singleton still runs here, but its lease's local deadline passed without a renewal (a process that was
            // frozen, a renewal that hangs): another member may lead by now, so this one says neither leader nor standby.
            return NotReady("the lease term's local deadline passed without a renewal: this instance may have lost the lease");
        }

        if (!members.Contains(node.InstanceId))
        {
            return NotReady("standby, and not (yet) a member of the cluster");
        }

        try
        {
            var info = await node.ReadLeaderAsync(cancellationToken).ConfigureAwait(false);
            if (info is not null && !info.IsExpired && info.HolderId != node.InstanceId)
            {
                return Results.Json(new { ready = true, role = "standby", leader = info.HolderId, members }, Json);
            }

            return NotReady(info is null ? "standby, and nobody has ever held the lease" : "standby, and no leader holds a live lease");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return NotReady(DatabaseUnavailable(ex) ?? $"standby, and the lease could not be read: {ex.Message}");
        }
    }

    /// <summary>
    /// Why this instance cannot serve while its database is away: the incident it is in (a leader's failed renewals or
    /// journal writes), or a lease read that failed to reach the database (a standby, which otherwise never touches it).
    /// </summary>
    private string? DatabaseUnavailable(Exception? leaseReadFailure) =>
        node.DatabaseUnavailable
        ?? (leaseReadFailure is Failover.SqlPersistenceException { InnerException: System.Data.Common.DbException { IsTransient: true } }
            ? $"the database is unavailable ({leaseReadFailure.Message}); the controller does not act until it is back"
            : null);

    /// <summary>The actors' last word on leadership, checked against the lease's local deadline now.</summary>
    private bool Leading(ObservedState s) => s.IsLeader && node.LeadsNow;

    private static IResult NotReady(string reason) => Results.Json(new { ready = false, reason }, Json, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// Every loop the run has with what this instance last saw of it (the leader sees each step; standbys hear of them),
    /// and where each comes from (the configuration file, or applied at runtime).
    /// </summary>
    private IResult Loops()
    {
        var s = observer.Current;
        var running = s.Tasks.RunningByLoop();
        return Results.Json(
            s.Loops.Values.OrderBy(l => l.Loop, StringComparer.Ordinal).Select(l => LoopJson(l, Listing(s, l.Loop), running.GetValueOrDefault(l.Loop), withDefinition: false)),
            Json);
    }

    private IResult Loop(string name)
    {
        var s = observer.Current;
        if (!s.Loops.TryGetValue(name, out var loop))
        {
            return NoSuchLoop(s, name);
        }

        return Results.Json(LoopJson(loop, Listing(s, name), s.Tasks.RunningByLoop().GetValueOrDefault(name), withDefinition: true), Json);
    }

    /// <summary>404 for a loop the run does not have; a removed one says when, and where its history is.</summary>
    private static IResult NoSuchLoop(ObservedState s, string name) =>
        s.LoopSet?.Removed.FirstOrDefault(r => r.Name == name) is { } removed
            ? Results.Json(
                new { error = $"loop '{name}' was removed at {removed.At:u}; its history stays readable at /api/loops/{name}/history", removedAt = removed.At },
                Json, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(new { error = $"no loop is named '{name}'" }, Json, statusCode: StatusCodes.Status404NotFound);

    private static LoopListing? Listing(ObservedState s, string name) => s.LoopSet?.Loops.FirstOrDefault(l => l.Name == name);

    private static object LoopJson(LoopObservation l, LoopListing? listing, int running, bool withDefinition) => new
    {
        name = l.Loop,
        state = listing?.State is "ended" or "invalid" ? listing.State : l.State,
        endReason = l.Ended,
        origin = listing?.Origin ?? "file",
        appliedAt = listing?.AppliedAt,
        source = listing?.Source,
        problem = listing?.Problem,
        paused = l.Operator?.Paused ?? false,
        targetOverride = l.Operator?.TargetOverride,
        running,
        lastDecision = l.LastDecision is { } d ? LastDecisionView.Seen(d) : null,
        demand = DemandJson(l.Demand),
        sampleFailures = l.SampleFailures,
        lastSampleFailure = l.LastSampleFailure,
        definition = withDefinition ? listing?.Definition : null,
    };

    private static object? DemandJson(DemandProgress? p) =>
        p is null ? null : new { kind = p.Kind, wanted = p.Wanted, remaining = p.Remaining, starved = p.Starved };

    private IResult Tasks() =>
        Results.Json(
            observer.Current.Tasks.Tasks.Values.OrderBy(t => t.LaunchedAt).Select(t => new
            {
                taskId = t.TaskId,
                loop = t.Loop,
                kind = t.Kind,
                state = RelayMetrics.StateName(t.State),
                agentId = t.AgentId,
                hostname = t.Hostname,
                launchedAt = t.LaunchedAt,
                runningSince = t.RunningSince,
                killing = t.Killing,
                healthy = t.Healthy,
            }),
            Json);

    /// <summary>One loop's controller history (the first loop's at <c>/api/history</c>), after <paramref name="since"/>.</summary>
    private async Task<IResult> HistoryAsync(string loop, string? since, int? limit, CancellationToken cancellationToken)
    {
        // A loop that runs, has ended, or was removed at runtime (its journal stays).
        var s = observer.Current;
        if (!s.Loops.ContainsKey(loop) && s.LoopSet?.Removed.Any(r => r.Name == loop) != true)
        {
            return NoSuchLoop(s, loop);
        }

        if (limit is < 1 or > 10_000)
        {
            return Results.Json(new { error = "limit must be between 1 and 10000" }, Json, statusCode: StatusCodes.Status400BadRequest);
        }

        Func<ControllerHistoryEntry, bool> after = _ => true;
        if (!string.IsNullOrEmpty(since))
        {
            if (long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            {
                after = e => e.Step > step;
            }
            else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                after = e => e.At > time;
            }
            else
            {
                return Results.Json(new { error = $"since must be a step number or an ISO 8601 time, not '{since}'" }, Json, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        var history = await ReadHistoryAsync(loop, cancellationToken).ConfigureAwait(false);
        var matching = history.Entries.Where(after);

        // With since, a client pages forward from where it was; without, it wants the newest.
        var entries = (string.IsNullOrEmpty(since) ? matching.TakeLast(limit ?? 1000) : matching.Take(limit ?? 1000)).ToList();
        return Results.Json(new { loop, source = history.Source, journalError = history.JournalError, entries }, Json);
    }

    /// <summary>
    /// Adds or updates loops from the HOCON in the body: <c>POST /api/loops</c> takes <c>relay.loops { NAME { ... } }</c>,
    /// <c>PUT /api/loops/NAME</c> that loop's own keys. <c>?source=</c> names the text in error messages (the CLI sends
    /// the file's name), so an error reads as a configuration error does: <c>orders.hocon:3:12: ...</c>.
    /// </summary>
    private async Task<IResult> ApplyAsync(HttpContext http, string? loop)
    {
        if (Authorize(http) is { } refused)
        {
            return refused;
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        return await ChangeLoopsAsync(new ApplyLoops(text, SourceName(http.Request.Query["source"]), loop)).ConfigureAwait(false);
    }

    private async Task<IResult> RemoveAsync(HttpContext http, string name) =>
        Authorize(http) ?? await ChangeLoopsAsync(new RemoveLoop(name)).ConfigureAwait(false);

    /// <summary>A loop change goes to the framework wherever it runs, which journals it before it makes it.</summary>
    private async Task<IResult> ChangeLoopsAsync(IOperatorMessage change)
    {
        try
        {
            return await node.Framework.Ask<object>(change, LoopChangeTimeout).ConfigureAwait(false) switch
            {
                LoopsChanged c => Results.Json(new { created = c.Created, updated = c.Updated, removed = c.Removed, summary = c.Summary }, Json),
                LoopChangeRefused { Reason: LoopRefusal.Invalid } r => BadRequest(r.Error),
                LoopChangeRefused r => Results.Json(new { error = r.Error }, Json, statusCode: StatusCodes.Status404NotFound),
                var other => Unavailable($"the framework answered {other.GetType().Name}; try again"),
            };
        }
        catch (InvalidOperationException ex)
        {
            return Unavailable(ex.Message);
        }
        catch (AskTimeoutException)
        {
            return Unavailable("the framework did not answer in time (it may be taking over or recovering); try again");
        }
    }

    /// <summary>What an applied text is called in error messages: the client's name for it, one short line.</summary>
    private static string SourceName(string? given)
    {
        var name = new string((given ?? "").Where(c => !char.IsControl(c)).Take(200).ToArray()).Trim();
        return name.Length > 0 ? name : "request body";
    }

    /// <summary>
    /// The journal is the truth: it holds steps of earlier leaders and survives restarts, and every member reads it. But
    /// snapshots trim it, and a broken store cannot give it; the in-memory ring of recent decisions fills in what the
    /// journal no longer holds (older steps) or cannot give (store down or too slow to answer).
    /// </summary>
    private async Task<(IReadOnlyList<ControllerHistoryEntry> Entries, string Source, string? JournalError)> ReadHistoryAsync(
        string loop, CancellationToken cancellationToken)
    {
        var memory = observer.Recent(loop);
        IReadOnlyList<ControllerHistoryEntry> journal = [];
        string? journalError = null;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(JournalReadTimeout);
        try
        {
            journal = await node.HistoryOf(loop).ReadAsync(patience.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            journalError = ex is OperationCanceledException ? $"the journal did not answer within {JournalReadTimeout.TotalSeconds:0} s" : ex.Message;
            _logger.LogWarning("History of loop {Loop}: the journal could not be read ({Reason}); answering from memory.", loop, journalError);
        }

        var firstJournalStep = journal.Count > 0 ? journal[0].Step : long.MaxValue;
        var merged = memory.Where(e => e.Step < firstJournalStep || journal.Count == 0).Concat(journal).ToList();
        return (merged, journal.Count > 0 ? "journal" : "memory", journalError);
    }

    /// <summary>
    /// Server-sent events for one loop's chart: a <c>history</c> event with its recent steps (journal and memory, as
    /// <c>/api/history</c>), then an <c>entry</c> event per new step or operator change.
    /// </summary>
    private async Task EventsAsync(HttpContext http, IHostApplicationLifetime lifetime, string loop)
    {
        if (!observer.Current.Loops.ContainsKey(loop))
        {
            await NoSuchLoop(observer.Current, loop).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        try
        {
            // Listening before reading: a step made while the journal is read is in one or the other, and a step in
            // both is sent once.
            var live = observer.Listen(loop, done.Token);
            var recent = (await ReadHistoryAsync(loop, done.Token).ConfigureAwait(false)).Entries.TakeLast(ChartSteps).ToList();
            var sent = recent.LastOrDefault(e => e.Kind == "step")?.Step ?? 0;
            await WriteEventAsync(http, "history", recent, done.Token).ConfigureAwait(false);
            await foreach (var entry in live.ReadAllAsync(done.Token).ConfigureAwait(false))
            {
                if (entry.Kind != "step" || entry.Step > sent)
                {
                    await WriteEventAsync(http, "entry", entry, done.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WriteEventAsync(HttpContext http, string name, object data, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", cancellationToken).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <param name="loop">The loop whose target it is; null for the configuration's first loop.</param>
    private async Task<IResult> SetTargetAsync(HttpContext http, string? loop)
    {
        if (Authorize(http) is { } refused)
        {
            return refused;
        }

        const string expected = "expected a JSON body {\"value\": number} or {\"value\": null}";
        double? value;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("value", out var property))
            {
                return BadRequest(expected);
            }

            value = property.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when property.TryGetDouble(out var number) && double.IsFinite(number) => number,
                _ => double.NaN,
            };
        }
        catch (JsonException)
        {
            return BadRequest(expected);
        }

        if (value is double.NaN)
        {
            return BadRequest(expected);
        }

        var action = new OverrideTarget(value);
        return await AskControllerAsync(loop is null ? action : new ForLoop(loop, action)).ConfigureAwait(false);
    }

    private async Task<IResult> ActAsync(HttpContext http, IOperatorMessage action) =>
        Authorize(http) ?? await AskControllerAsync(action).ConfigureAwait(false);

    /// <summary>Null when the request may act; otherwise the refusal. The offered token is never logged.</summary>
    private IResult? Authorize(HttpContext http)
    {
        if (token is null)
        {
            return Results.Json(new { error = "operator actions are disabled: set relay.web.token-file" }, Json, statusCode: StatusCodes.Status403Forbidden);
        }

        if (!token.Accepts(http.Request.Headers.Authorization))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new { error = "a valid bearer token is required (Authorization: Bearer <token>)" }, Json, statusCode: StatusCodes.Status401Unauthorized);
        }

        return null;
    }

    /// <summary>Any instance takes operator actions: the singleton proxy carries them to the framework wherever it runs.</summary>
    private async Task<IResult> AskControllerAsync(IOperatorMessage action)
    {
        try
        {
            var state = await node.Framework.Ask<OperatorState>(action, ActionTimeout).ConfigureAwait(false);
            var name = action is ForLoop forLoop ? forLoop.Message.GetType().Name : action.GetType().Name;
            _logger.LogInformation(
                "Operator action {Action} applied to loop {Loop}: paused={Paused}, target override={Override}.", name, state.Loop, state.Paused, state.TargetOverride);
            return Results.Json(new { loop = state.Loop, paused = state.Paused, targetOverride = state.TargetOverride }, Json);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new { error = ex.Message }, Json, statusCode: StatusCodes.Status404NotFound);
        }
        catch (InvalidOperationException ex)
        {
            return Unavailable(ex.Message);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return BadRequest(ex.Message);
        }
        catch (AskTimeoutException)
        {
            return Unavailable("the framework did not answer in time (it may be taking over or recovering); try again");
        }
    }

    private static IResult Unavailable(string error) => Results.Json(new { error }, Json, statusCode: StatusCodes.Status503ServiceUnavailable);

    private static IResult BadRequest(string error) => Results.Json(new { error }, Json, statusCode: StatusCodes.Status400BadRequest);
}
