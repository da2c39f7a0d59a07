using RelayMesos.Hocon;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Running;

/// <summary>What <c>relay-mesos run</c> decides on the command line rather than in the configuration.</summary>
/// <param name="Token">The operator token for state-changing HTTP calls; null disables them.</param>
/// <param name="Teardown">On exit, tear the framework down in Mesos (its tasks are killed) instead of leaving it registered.</param>
/// <param name="Configuration">
/// The resolved configuration with its loops under <c>relay.loops</c>, as written (<c>run</c> binds one loop in place of
/// <c>relay</c>): loops applied at runtime inherit its <c>relay</c> keys. Null: the configuration the host is built with.
/// </param>
/// <param name="DryRun"><c>run --dry-run</c>: loops applied at runtime launch and kill nothing either.</param>
public sealed record RelayHostOptions(OperatorToken? Token = null, bool Teardown = false, HoconConfig? Configuration = null, bool DryRun = false);
