using Akka.Persistence;

namespace RelayMesos.Host.Running;

/// <summary>
/// Recovers an empty persistence id once at start, so the journal's first use (linq2db set-up, table checks: seconds on
/// a busy machine) happens before this instance competes for the lease, not inside its first leadership term.
/// </summary>
internal sealed class JournalWarmUp : ReceivePersistentActor
{
    private readonly TaskCompletionSource _done;

    public JournalWarmUp(TaskCompletionSource done)
    {
        _done = done;
        Recover<RecoveryCompleted>(_ =>
        {
            done.TrySetResult();
            Context.Stop(Self);
        });
    }

    public override string PersistenceId => "relay-mesos/journal-warm-up";

    /// <summary>A journal that fails now is the framework's problem to report (one line, then backoff); start-up goes on.</summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null) => _done.TrySetResult();
}
