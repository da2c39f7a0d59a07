using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using RelayMesos.Mesos.V1;

namespace RelayMesos.LocalCluster.Health;

/// <summary>
/// Runs one health check the way a Mesos agent does for a task on the host network: a command under bash -c in
/// the task's sandbox with the task's environment, an HTTP GET on 127.0.0.1 (2xx and 3xx are healthy), or a TCP
/// connect to 127.0.0.1. Every kind is cut off at the check's timeout, which counts as a failure.
/// </summary>
public sealed class HealthProbe(HttpClient http)
{
    public async Task<HealthProbeResult> RunAsync(
        HealthCheck check, string sandbox, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(environment);
        var timeout = check.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(check.TimeoutSeconds) : Timeout.InfiniteTimeSpan;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return check.Type switch
            {
                HealthCheck.Types.Type.Command => await CommandAsync(check.Command, sandbox, environment, deadline.Token).ConfigureAwait(false),
                HealthCheck.Types.Type.Http => await HttpAsync(check.Http, deadline.Token).ConfigureAwait(false),
                HealthCheck.Types.Type.Tcp => await TcpAsync(check.Tcp, deadline.Token).ConfigureAwait(false),
                _ => new HealthProbeResult(false, $"Unsupported health check type {check.Type}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthProbeResult(false, $"{check.Type} health check timed out after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            return new HealthProbeResult(false, $"{check.Type} health check could not run: {ex.Message}");
        }
    }

    /// <summary>Why Mesos would refuse a task with this health check, or null when it is valid.</summary>
    public static string? Validate(HealthCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Type switch
        {
            HealthCheck.Types.Type.Command when string.IsNullOrWhiteSpace(check.Command?.Value) => "Health check is invalid: command health check has no command",
            HealthCheck.Types.Type.Http when check.Http is null => "Health check is invalid: HTTP health check has no 'http' field",
            HealthCheck.Types.Type.Tcp when check.Tcp is null => "Health check is invalid: TCP health check has no 'tcp' field",
            HealthCheck.Types.Type.Unknown => "Health check is invalid: its type is not set",
            _ when check.IntervalSeconds <= 0 || check.DelaySeconds < 0 || check.TimeoutSeconds < 0 || check.GracePeriodSeconds < 0
                => "Health check is invalid: delay, timeout and grace period must not be negative and the interval must be positive",
            _ => null,
        };
    }

    private static async Task<HealthProbeResult> CommandAsync(
        CommandInfo command, string sandbox, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = sandbox,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command.Value);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        foreach (var variable in command.Environment?.Variables ?? [])
        {
            info.Environment[variable.Name] = variable.Value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A hung check must not outlive its timeout, nor anything it forked.
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode == 0
            ? new HealthProbeResult(true, "Command health check passed")
            : new HealthProbeResult(false, $"Command health check exited with status {process.ExitCode}{Tail(stderr.Result)}");
    }

    private async Task<HealthProbeResult> HttpAsync(HealthCheck.Types.HTTPCheckInfo check, CancellationToken cancellationToken)
    {
        var scheme = string.IsNullOrEmpty(check.Scheme) ? "http" : check.Scheme;
        var path = string.IsNullOrEmpty(check.Path) ? "/" : check.Path.StartsWith('/') ? check.Path : "/" + check.Path;
        var uri = new Uri($"{scheme}://127.0.0.1:{check.Port.ToString(CultureInfo.InvariantCulture)}{path}");
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400
                ? new HealthProbeResult(true, $"HTTP health check returned {code}")
                : new HealthProbeResult(false, $"HTTP health check of {uri} returned {code}");
        }
        catch (HttpRequestException ex)
        {
            return new HealthProbeResult(false, $"HTTP health check of {uri} failed: {ex.Message}");
        }
    }

    private static async Task<HealthProbeResult> TcpAsync(HealthCheck.Types.TCPCheckInfo check, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", (int)check.Port, cancellationToken).ConfigureAwait(false);

            // Linux may pick the checked port itself as the source port once nothing listens on it, and a loopback
            // connect then reaches its own socket ("self-connect"): that is nobody listening, not a healthy task.
            return Equals(client.Client.LocalEndPoint, client.Client.RemoteEndPoint)
                ? new HealthProbeResult(false, $"TCP health check of 127.0.0.1:{check.Port.ToString(CultureInfo.InvariantCulture)} failed: nothing listens (the connection reached itself)")
                : new HealthProbeResult(true, "TCP health check connected");
        }
        catch (SocketException ex)
        {
            return new HealthProbeResult(false, $"TCP health check of 127.0.0.1:{check.Port.ToString(CultureInfo.InvariantCulture)} failed: {ex.Message}");
        }
    }

    private static string Tail(string output)
    {
        var trimmed = output.Trim();
        return trimmed.Length == 0 ? string.Empty : ": " + (trimmed.Length > 200 ? trimmed[^200..] : trimmed);
    }
}
