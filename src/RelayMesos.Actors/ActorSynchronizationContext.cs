namespace RelayMesos.Actors;

/// <summary>
/// Resumes awaits inside an actor's async handler "as the actor": one at a time and with the actor as
/// the implicit sender, which is what makes <c>Context</c>, <c>Sender</c> and <c>Tell(msg)</c> usable after an await.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    private readonly object _gate = new();

    public override void Post(SendOrPostCallback d, object? state) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Context.Run(s.Callback, s.State), (Context: this, Callback: d, State: state), preferLocal: false);

    public override SynchronizationContext CreateCopy() => this;

    private void Run(SendOrPostCallback callback, object? state)
    {
        lock (_gate)
        {
            var previous = Current;
            using var scope = cell.EnterContext();
            SetSynchronizationContext(this);
            try
            {
                callback(state);
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }
    }
}
