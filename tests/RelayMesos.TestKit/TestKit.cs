using Microsoft.Extensions.Logging;
using RelayMesos.Actors;
using Xunit;

namespace RelayMesos.TestKit;

/// <summary>
/// Base class for actor tests: a fresh <see cref="ActorSystem"/> per test (xunit creates one test-class instance
/// per test), a default probe (<see cref="TestActor"/>) and factories for more, and graceful shutdown afterwards.
/// </summary>
public abstract class TestKit : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private static int s_systemCounter;
    private readonly Lazy<TestProbe> _testActor;
    private bool _disposed;

    protected TestKit(ILoggerFactory? loggerFactory = null)
    {
        Sys = ActorSystem.Create("test-" + Interlocked.Increment(ref s_systemCounter).ToString(System.Globalization.CultureInfo.InvariantCulture), loggerFactory);
        _testActor = new Lazy<TestProbe>(() => CreateTestProbe("testActor"));
    }

    public ActorSystem Sys { get; }

    /// <summary>The default probe; its ref is a handy sender/recipient for messages under test.</summary>
    public TestProbe TestActor => _testActor.Value;

    /// <summary>How long expectations wait when no timeout is given (before dilation).</summary>
    public virtual TimeSpan DefaultTimeout => TimeSpan.FromSeconds(3);

    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name, DefaultTimeout);

    public static TimeSpan Dilated(TimeSpan duration) => TestTimeFactor.Dilate(duration);

    public T ExpectMsg<T>(TimeSpan? timeout = null) => TestActor.ExpectMsg<T>(timeout);

    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null) => TestActor.ExpectMsg(predicate, timeout);

    public void ExpectNoMsg(TimeSpan duration) => TestActor.ExpectNoMsg(duration);

    public IActorRef Watch(IActorRef subject) => TestActor.Watch(subject);

    public Terminated ExpectTerminated(IActorRef subject, TimeSpan? timeout = null) => TestActor.ExpectTerminated(subject, timeout);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await Sys.ShutdownAsync(Dilated(ShutdownTimeout)).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Sys.ShutdownAsync(Dilated(ShutdownTimeout)).GetAwaiter().GetResult();
        }
    }
}
