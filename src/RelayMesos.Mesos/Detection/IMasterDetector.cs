namespace RelayMesos.Mesos.Detection;

/// <summary>
/// Finds the Mesos master(s) a scheduler should talk to. A static list yields every configured
/// master in turn; ZooKeeper yields the current leader and follows leader changes.
/// </summary>
public interface IMasterDetector : IAsyncDisposable
{
    /// <summary>
    /// The masters to try, in order, as base URIs (scheme, host, port; e.g. http://10.0.0.5:5050).
    /// Waits until at least one is known or <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task<IReadOnlyList<Uri>> DetectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the detector would answer differently from <paramref name="detected"/> (a new leader in ZooKeeper),
    /// so a client waiting out its reconnect backoff can try at once. A fixed list never changes: it never completes.
    /// </summary>
    Task WaitForChangeAsync(IReadOnlyList<Uri> detected, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken);
}
