using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Host.Web;

/// <summary>
/// A consistent copy of everything <see cref="RelayObserver"/> knows, taken under its lock. The decision, demand, samples
/// and history are the first loop's (the only one, in a deployment of one loop); <see cref="Loops"/> has every loop's.
/// <see cref="LoopSet"/> is the leader's last word on which loops the run has and where each comes from (null until heard).
/// </summary>
public sealed record ObservedState(
    LeadershipStatus? Leadership,
    long LeadershipTerms,
    string? FrameworkId,
    string? SubscribedMaster,
    bool Subscribed,
    string? DisconnectReason,
    OperatorState? Operator,
    DecisionMade? LastDecision,
    DateTimeOffset? LastDecisionAt,
    bool SteppedThisTerm,
    DemandProgress? Demand,
    TaskTable Tasks,
    long Samples,
    long SampleFailures,
    string? LastSampleFailure,
    long Launches,
    long OffersReceived,
    long OffersDeclined,
    IReadOnlyList<RecentProblem> Problems,
    IReadOnlyDictionary<string, LoopObservation> Loops,
    LoopSet? LoopSet = null)
{
    public bool IsLeader => Leadership is { IsLeader: true };

    /// <summary>
    /// This instance leads, but its controller has not stepped in this term yet: <see cref="LastDecision"/> (if any) was
    /// made by an earlier term, and the newest step is the one the term recovered from the journal.
    /// </summary>
    public bool AwaitsFirstStep => IsLeader && !SteppedThisTerm;
}
