using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Tasks;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Actors;

// max-failures: once failures outrun successes by the limit, the run ends (the parent stops every member) and nothing
// more is launched meanwhile.
public sealed partial class StatusReconciler
{
    /// <summary>After an update was journaled: the failure it added may be the one that spends the budget.</summary>
    private void StopIfFailuresExhausted(TaskStatus last)
    {
        if (!_stopRequested)
        {
            StopIfExhausted($"; last: {last.TaskId.Value} {last.State} {last.Message}");
        }
    }

    /// <summary>
    /// After recovery: an earlier term ran out of failures and its stop did not reach this member (unreachable at that
    /// moment, on a busy machine). The run is over, and this term must not launch before it ends too.
    /// </summary>
    private void StopIfFailuresRecovered() => StopIfExhausted(", journaled by an earlier term");

    private void StopIfExhausted(string circumstance)
    {
        if (!FailureBudget.Exhausted(_failures, _settings.MaxFailures))
        {
            return;
        }

        _stopRequested = true;
        var reason = $"max-failures reached: {_failures} failures (failures - successes) against a limit of {_settings.MaxFailures}{circumstance}";
        _logger.LogError("{Reason}", reason);
        Context.Parent.Tell(new StopRequested(_settings.MaxFailuresExitCode, reason), Self);
    }
}
