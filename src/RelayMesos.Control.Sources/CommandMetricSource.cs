using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Control.Sources;

/// <summary>
/// <c>type = command</c>: runs <c>bash -c</c> in its own session (via <c>setsid</c>) and parses the last line of
/// stdout as a number. A non-zero exit, garbage or the timeout is a failed sample; on timeout the whole
/// process group is killed. It runs only in one of the deployment's command slots, waited for within the timeout.
/// </summary>
public sealed class CommandMetricSource(string command, TimeSpan timeout, ILogger logger, CommandSlots? slots = null) : IMetricSource
{
    private readonly CommandSlots _slots = slots ?? CommandSlots.Unlimited;

    public async Task<SampleResult> ReadAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var slot = await _slots.EnterAsync(deadline.Token).ConfigureAwait(false);
        if (slot is null)
        {
            return cancellationToken.IsCancellationRequested
                ? SampleResult.Failed("cancelled")
                : Fail($"not started: {_slots.Limit} metric command(s) were running for the whole {timeout.TotalMilliseconds} ms timeout (relay.max-concurrent-commands)");
        }

        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Fail($"could not start bash: {e.Message}");
        }

        // setsid execs bash in place when the child is not already a group leader, so pid == process group id.
        var groupId = process.Id;
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                return Fail($"exited with code {process.ExitCode}: {NumberText.Shorten(errors.Trim())}");
            }

            var lastLine = output.TrimEnd().Split('\n')[^1];
            var sample = NumberText.Parse(lastLine, "last line of stdout");
            return sample.Succeeded ? sample : Fail(sample.Failure!);
        }
        catch (OperationCanceledException)
        {
            ProcessGroup.Kill(groupId);
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone with its group.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return cancellationToken.IsCancellationRequested
                ? SampleResult.Failed("cancelled")
                : Fail($"timed out after {timeout.TotalMilliseconds} ms; process group {groupId} killed");
        }
    }

    private SampleResult Fail(string reason)
    {
        logger.LogWarning("Metric command failed: {Reason}", reason);
        return SampleResult.Failed(reason);
    }
}
