namespace RelayMesos.Actors;

/// <summary>
/// Akka's <c>PipeTo</c>: an actor never awaits work that may outlive its turn; it starts the task and
/// receives the outcome as a message (<see cref="Status.Failure"/> when the task faults or is cancelled).
/// </summary>
public static class PipeToExtensions
{
    public static Task PipeTo<T>(
        this Task<T> task,
        IActorRef recipient,
        IActorRef? sender = null,
        Func<T, object>? success = null,
        Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    recipient.Tell(success is null ? t.Result! : success(t.Result), sender);
                    return;
                }

                var cause = t.Exception?.GetBaseException() ?? new TaskCanceledException(t);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
