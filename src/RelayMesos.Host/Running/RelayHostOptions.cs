using RelayMesos.Host.Web;

namespace RelayMesos.Host.Running;

/// <summary>What <c>relay-mesos run</c> decides on the command line rather than in the configuration.</summary>
/// <param name="Token">The operator token for state-changing HTTP calls; null disables them.</param>
/// <param name="Teardown">On exit, tear the framework down in Mesos (its tasks are killed) instead of leaving it registered.</param>
public sealed record RelayHostOptions(OperatorToken? Token = null, bool Teardown = false);
