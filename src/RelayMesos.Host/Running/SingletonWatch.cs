using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Running;

/// <summary>
/// Says when the framework singleton is really late: from the moment this member is up, it asks the singleton (through
/// the proxy) who it is, one question at a time; no answer for <c>relay.leader-election.singleton-late-after</c> is one
/// warning, and the next answer one line saying it is back. Waiting for a singleton while members start or take over
/// is normal and logs nothing. Akka's own proxy warning fires at start on every healthy cluster (akka.net#8568).
/// </summary>
public sealed class SingletonWatch : ReceiveActor, IWithTimers
{
    public const string Name = "singleton-watch";

    /// <summary>How often a member that has its answer asks again; a question unanswered this long is asked again too.</summary>
    private static readonly TimeSpan AskEvery = TimeSpan.FromSeconds(5);

    private readonly IActorRef _proxy;
    private readonly TimeSpan _lateAfter;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private DateTimeOffset? _lastAnswer;
    private DateTimeOffset _askedAt;
    private long _question;
    private bool _late;

    public SingletonWatch(IActorRef proxy, TimeSpan lateAfter, TimeProvider clock, ILogger logger)
    {
        _proxy = proxy;
        _lateAfter = lateAfter;
        _clock = clock;
        _logger = logger;

        Receive<MemberIsUp>(_ =>
        {
            _lastAnswer = _clock.GetUtcNow();
            Ask();
            Timers.StartPeriodicTimer("check", Check.Instance, AskEvery);
        });
        Receive<Check>(_ => OnCheck());
        Receive<ActorIdentity>(OnAnswer);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        var self = Self;
        Cluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(MemberIsUp.Instance));
    }

    private void Ask()
    {
        _askedAt = _clock.GetUtcNow();
        _proxy.Tell(new Identify(++_question), Self);
    }

    private void OnCheck()
    {
        var now = _clock.GetUtcNow();
        if (!_late && now - _lastAnswer >= _lateAfter)
        {
            _late = true;
            _logger.LogWarning(
                "No framework singleton has answered this member for {Late}: no member holds the lease, or the leader is unreachable from here.",
                _lateAfter);
        }

        // One question in flight: an unanswered one is buffered by the proxy (or went to a singleton that has since
        // died), so only a long silence asks again.
        if (now - _askedAt >= AskEvery && (_lastAnswer >= _askedAt || now - _askedAt >= AskEvery * 2))
        {
            Ask();
        }
    }

    private void OnAnswer(ActorIdentity identity)
    {
        if (identity.Subject is null)
        {
            return;
        }

        _lastAnswer = _clock.GetUtcNow();
        if (_late)
        {
            _late = false;
            _logger.LogInformation("The framework singleton answers again ({Singleton}).", identity.Subject.Path);
        }
    }

    private sealed record MemberIsUp
    {
        public static MemberIsUp Instance { get; } = new();
    }

    private sealed record Check
    {
        public static Check Instance { get; } = new();
    }
}
