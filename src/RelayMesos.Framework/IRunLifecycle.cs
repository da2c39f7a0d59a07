using RelayMesos.Framework.Actors;

namespace RelayMesos.Framework;

/// <summary>
/// The run the framework belongs to, as the process hosting it sees it. The run is the cluster's, not one term's: a
/// stop condition or max-failures ends it for every member, and a singleton that starts after that must not resume it.
/// </summary>
public interface IRunLifecycle
{
    /// <summary>Whether the run has been stopped (by this member's framework or by another member's).</summary>
    bool HasEnded { get; }

    /// <summary>The framework asks the run to end (stop condition, max-failures, Mesos refusing the framework).</summary>
    void RequestStop(StopRequested stop);
}
