namespace RelayMesos.Actors;

/// <summary>The temporary reply address of one Ask: the first message completes the task, later ones are dropped.</summary>
internal sealed class PromiseActorRef : IActorRef
{
    private static long s_counter;
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PromiseActorRef() => Path = ActorPath.Root / "temp" / ("$" + Interlocked.Increment(ref s_counter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public ActorPath Path { get; }

    public Task<object> Task => _completion.Task;

    public void Tell(object message, IActorRef? sender)
    {
        if (message is Status.Failure failure)
        {
            _completion.TrySetException(failure.Cause);
        }
        else
        {
            _completion.TrySetResult(message);
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);

    public override string ToString() => $"Promise[{Path}]";
}
