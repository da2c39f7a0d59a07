namespace RelayMesos.Actors;

/// <summary>Request-reply from outside (or inside an async handler): <c>await actor.Ask&lt;Reply&gt;(request, timeout)</c>.</summary>
public static class Futures
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply address. Throws <see cref="AskTimeoutException"/> when no
    /// reply arrives in time, the cause of a <see cref="Status.Failure"/> reply, or <see cref="InvalidCastException"/>
    /// when the reply is not a <typeparamref name="T"/>.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = await target.Ask(message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException($"Ask to {target.Path} with {message.GetType().FullName} expected a {typeof(T).FullName} reply but got {reply.GetType().FullName}.");
    }

    public static async Task<object> Ask(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var promise = new PromiseActorRef();
        using var timer = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        await using var registration = linked.Token.UnsafeRegister(
            static state =>
            {
                var (p, path, type, span, token) = ((PromiseActorRef, ActorPath, Type, TimeSpan, CancellationToken))state!;
                if (token.IsCancellationRequested)
                {
                    p.Cancel(token);
                }
                else
                {
                    p.Fail(new AskTimeoutException(path, type, span));
                }
            },
            (promise, target.Path, message.GetType(), timeout, cancellationToken)).ConfigureAwait(false);
        target.Tell(message, promise);
        return await promise.Task.ConfigureAwait(false);
    }
}
