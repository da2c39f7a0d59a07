using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Tasks;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Actors;

// max-failures, per loop: once a loop's failures outrun its successes by its limit, nothing more is launched for it and
// the parent ends that loop; with one loop, that ends the run (Relay's --max_failures).
public sealed partial class StatusReconciler
{
    /// <summary>After an update was journaled: the failure it added may be the one that spends its loop's budget.</summary>
    private void StopIfFailuresExhausted(string loop, TaskStatus last)
    {
        if (!_stopRequested && !Book(loop).Exhausted)
        {
            StopIfExhausted(loop, $"; last: {last.TaskId.Value} {last.State} {last.Message}");
        }
    }

    /// <summary>
    /// After recovery: an earlier term ran a loop out of failures and its stop did not reach this member (unreachable at
    /// that moment, on a busy machine). That loop is over, and this term must not launch for it.
    /// </summary>
    private void StopIfFailuresRecovered()
    {
        foreach (var loop in _books.Keys.ToList())
        {
            StopIfExhausted(loop, ", journaled by an earlier term");
        }
    }

    /// <summary>
    /// The loop was applied again (an operator's fix): its count starts over, journaled, so a loop that ran out of
    /// failures runs again, here and after a restart.
    /// </summary>
    private void OnResetFailures(ResetFailures reset)
    {
        var book = Book(reset.Loop);
        if (book.Failures == 0 && !book.Exhausted)
        {
            return;
        }

        var was = book.Failures;
        Persist(new LoopFailuresReset(reset.Loop), _ =>
        {
            book.Failures = 0;
            book.Exhausted = false;
            _logger.LogInformation("Loop {Loop} was applied again: its max-failures count starts over (it was {Failures}).", reset.Loop, was);
            Snapshotting();
        });
    }

    private void StopIfExhausted(string loop, string circumstance)
    {
        if (!_loops.Contains(loop))
        {
            // A loop removed at runtime: its last tasks may still fail, but it has nothing left to end.
            return;
        }

        var settings = _loops.Of(loop);
        var book = Book(loop);
        if (!FailureBudget.Exhausted(book.Failures, settings.MaxFailures))
        {
            return;
        }

        book.Exhausted = true;
        var one = _loops.Count == 1;
        _stopRequested |= one;
        var reason = $"max-failures reached{(one ? "" : $" in loop {loop}")}: {book.Failures} failures (failures - successes) against a limit of {settings.MaxFailures}{circumstance}";
        _logger.LogError("{Reason}", reason);
        Context.Parent.Tell(new StopRequested(settings.MaxFailuresExitCode, reason, one ? null : loop), Self);
    }
}
