using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RelayMesos.Host.Cli;

/// <summary>
/// <c>relay-mesos loops list|show|apply|pause|resume|remove</c>: operates the loops of a running deployment through its
/// HTTP API (any member; changes travel to the leader, which journals them, so they survive restarts and failovers).
/// </summary>
public static class LoopsCommand
{
    private const string UrlVariable = "RELAY_MESOS_URL";
    private const string TokenVariable = "RELAY_MESOS_TOKEN";
    private const string TokenFileVariable = "RELAY_WEB_TOKEN_FILE";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var url = new Option<string?>("--url")
        {
            Description = $"The web API of any relay-mesos run of the deployment (default: ${UrlVariable}, else {OperatorClient.DefaultUrl}).",
            Recursive = true,
        };
        var token = new Option<string?>("--token")
        {
            Description = $"The operator token, the content of the deployment's relay.web.token-file. A flag shows in the process list: prefer ${TokenVariable} or --token-file.",
            Recursive = true,
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = $"A file holding the operator token (default: ${TokenFileVariable}, as for run).",
            Recursive = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answer as it is.", Recursive = true };

        var loops = new Command(
            "loops",
            "Operate the loops of a running deployment through its HTTP API: list them, show one, apply (add or update) "
            + "loops from a HOCON file, pause, resume or remove one. Changes need the operator token and are journaled, so they "
            + "survive restarts and failovers. Exit codes: 0 done, 2 the request must change (bad file, unknown loop, token), "
            + "1 the deployment could not answer.");
        foreach (var option in new Option[] { url, token, tokenFile, json })
        {
            loops.Options.Add(option);
        }

        var list = new Command("list", "Every loop: its state (running, paused, ended, invalid), where it comes from (the configuration file, or applied at runtime) and its last step.");
        list.SetAction((parse, cancellationToken) => RunAsync(parse, url, null, null, output, error, async client =>
        {
            var answer = await client.GetAsync("api/loops", cancellationToken);
            return parse.GetValue(json) ? answer.GetRawText() : ListText(answer);
        }));

        var name = new Argument<string>("name") { Description = "The loop's name." };
        var show = new Command("show", "One loop: its state, origin, last step, demand and definition (its HOCON). A removed loop says when; its history stays readable at /api/loops/NAME/history.");
        show.Arguments.Add(name);
        show.SetAction((parse, cancellationToken) => RunAsync(parse, url, null, null, output, error, async client =>
        {
            var answer = await client.GetAsync($"api/loops/{Uri.EscapeDataString(parse.GetValue(name)!)}", cancellationToken);
            return parse.GetValue(json) ? answer.GetRawText() : ShowText(answer);
        }));

        var file = new Argument<FileInfo>("file") { Description = "A HOCON file of relay.loops { NAME { ... } } blocks, with the per-loop keys a configuration file takes." };
        var apply = new Command(
            "apply",
            "Add or update the loops the file names, checked as the configuration file is (errors name file:line:column; a file "
            + "with any error changes nothing). An updated loop restarts with its new definition and keeps its history. A loop "
            + "applied stands over the configuration file's loop of that name until the file's loop is edited.");
        apply.Arguments.Add(file);
        apply.SetAction((parse, cancellationToken) => RunAsync(parse, url, token, tokenFile, output, error, async client =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path.FullName, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new OperatorRequestException($"cannot read {path}: {ex.Message}", ExitCodes.BadUsage);
            }

            var answer = await client.SendAsync(HttpMethod.Post, $"api/loops?source={Uri.EscapeDataString(parse.GetValue(file)!.ToString())}", text, cancellationToken);
            return parse.GetValue(json) ? answer.GetRawText() : answer.GetProperty("summary").GetString()!;
        }));

        var pause = Action(
            "pause", "Pause a loop: no steps and no new demand until resumed (its running tasks stay). Journaled: it survives a failover.",
            "api/loops/{0}/pause", HttpMethod.Post, a => $"loop {a.GetProperty("loop").GetString()} paused");
        var resume = Action(
            "resume", "Resume a paused loop: it steps again from its next sample.",
            "api/loops/{0}/resume", HttpMethod.Post, a => $"loop {a.GetProperty("loop").GetString()} resumed");
        var remove = Action(
            "remove", "Remove a loop: nothing more is launched for it, its long-running tasks are killed and its run-to-completion "
            + "tasks finish; its history stays readable. It stays removed across restarts until applied again (or until the "
            + "configuration file's loop of that name is edited).",
            "api/loops/{0}", HttpMethod.Delete, a => a.GetProperty("summary").GetString()!);

        foreach (var command in new[] { list, show, apply, pause, resume, remove })
        {
            loops.Subcommands.Add(command);
        }

        return loops;

        Command Action(string verb, string description, string path, HttpMethod method, Func<JsonElement, string> said)
        {
            var command = new Command(verb, description);
            command.Arguments.Add(name);
            command.SetAction((parse, cancellationToken) => RunAsync(parse, url, token, tokenFile, output, error, async client =>
            {
                var answer = await client.SendAsync(method, string.Format(CultureInfo.InvariantCulture, path, Uri.EscapeDataString(parse.GetValue(name)!)), null, cancellationToken);
                return parse.GetValue(json) ? answer.GetRawText() : said(answer);
            }));
            return command;
        }
    }

    /// <summary>Runs one request; a failure is one line on stderr and its exit code (<see cref="OperatorClient"/>).</summary>
    private static async Task<int> RunAsync(
        ParseResult parse, Option<string?> urlOption, Option<string?>? tokenOption, Option<string?>? tokenFileOption, TextWriter output, TextWriter error,
        Func<OperatorClient, Task<string>> request)
    {
        var verb = $"loops {parse.CommandResult.Command.Name}";
        try
        {
            using var client = new OperatorClient(Url(parse.GetValue(urlOption)), tokenOption is null ? null : Token(parse.GetValue(tokenOption), parse.GetValue(tokenFileOption!)));
            await output.WriteLineAsync(await request(client));
            return ExitCodes.Ok;
        }
        catch (OperatorRequestException ex)
        {
            await error.WriteLineAsync($"relay-mesos: {verb}: {ex.Message}");
            return ex.ExitCode;
        }
    }

    private static Uri Url(string? given)
    {
        var text = given ?? (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } variable ? variable : OperatorClient.DefaultUrl);
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new OperatorRequestException($"--url '{text}' is not an http(s) URL such as {OperatorClient.DefaultUrl}", ExitCodes.BadUsage);
        }

        return url;
    }

    /// <summary>The token from the flag, the flag's file, the variable, or run's token file variable, in that order.</summary>
    private static string? Token(string? given, string? file)
    {
        if (given is { Length: > 0 })
        {
            return given.Trim();
        }

        if (file is { Length: > 0 })
        {
            return ReadToken(file, "--token-file");
        }

        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } variable)
        {
            return variable.Trim();
        }

        return Environment.GetEnvironmentVariable(TokenFileVariable) is { Length: > 0 } path ? ReadToken(path, TokenFileVariable) : null;
    }

    private static string ReadToken(string path, string from)
    {
        try
        {
            return File.ReadAllText(path).Trim() is { Length: > 0 } token
                ? token
                : throw new OperatorRequestException($"{from} {path} holds no token", ExitCodes.BadUsage);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OperatorRequestException($"{from} {path} cannot be read: {ex.Message}", ExitCodes.BadUsage);
        }
    }

    private static string ListText(JsonElement loops)
    {
        var rows = loops.EnumerateArray().Select(l =>
        {
            var step = l.GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;
            return new[]
            {
                l.GetProperty("name").GetString()!,
                l.GetProperty("state").GetString()!,
                Origin(l),
                l.GetProperty("running").GetInt32().ToString(CultureInfo.InvariantCulture),
                step is { } s ? s.GetProperty("step").GetInt64().ToString(CultureInfo.InvariantCulture) : "-",
                step is { } pv ? Number(pv.GetProperty("pv")) : "-",
                step is { } sp ? Number(sp.GetProperty("sp")) : "-",
                step is { } mv ? Number(mv.GetProperty("mv")) : "-",
            };
        }).ToList();
        if (rows.Count == 0)
        {
            return "No loops run. Apply one with: relay-mesos loops apply FILE";
        }

        string[] header = ["NAME", "STATE", "ORIGIN", "RUNNING", "STEP", "PV", "SP", "MV"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        return string.Join('\n', rows.Prepend(header).Select(r => string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()));
    }

    private static string ShowText(JsonElement loop)
    {
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"{label + ":",-12}{value}\n");
        Line("name", loop.GetProperty("name").GetString()!);
        Line("state", loop.GetProperty("state").GetString()!);
        Line("origin", Origin(loop));
        if (String(loop, "problem") is { } problem)
        {
            Line("problem", problem);
        }

        if (loop.GetProperty("targetOverride") is { ValueKind: JsonValueKind.Number } target)
        {
            Line("target", $"{Number(target)} (an operator's override)");
        }

        Line("running", $"{loop.GetProperty("running").GetInt32()} task(s)");
        if (loop.GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } d)
        {
            Line("last step", $"{d.GetProperty("step").GetInt64()} at {Time(d, "at")}: PV={Number(d.GetProperty("pv"))} SP={Number(d.GetProperty("sp"))} MV={Number(d.GetProperty("mv"))} ({String(d, "reason")})");
        }

        if (loop.GetProperty("demand") is { ValueKind: JsonValueKind.Object } demand)
        {
            Line("demand", $"{demand.GetProperty("wanted").GetInt32()} {String(demand, "kind")?.ToLowerInvariant()}(s), {demand.GetProperty("remaining").GetInt32()} not launched yet{(demand.GetProperty("starved").GetBoolean() ? ", starved" : "")}");
        }

        if (loop.GetProperty("sampleFailures").GetInt64() is > 0 and var failures)
        {
            Line("failures", $"{failures} failed sample(s), last: {String(loop, "lastSampleFailure")}");
        }

        if (String(loop, "definition") is { Length: > 0 } definition)
        {
            text.Append("definition:\n");
            foreach (var line in definition.TrimEnd('\n').Split('\n'))
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Origin(JsonElement loop) =>
        String(loop, "origin") == "applied"
            ? $"applied {Time(loop, "appliedAt")}{(String(loop, "source") is { } source ? $" from {source}" : "")}"
            : "configuration file";

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A time the API gives in ISO 8601, to the second, in UTC.</summary>
    private static string? Time(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)
            ? at.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)
            : null;

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
