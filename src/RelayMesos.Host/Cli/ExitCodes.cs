namespace RelayMesos.Host.Cli;

/// <summary>Process exit codes: scripts and supervisors tell a typo from an outage by them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RuntimeFailure = 1;
    public const int BadUsage = 2;

    /// <summary>The split-brain resolver downed this instance; a downed member cannot rejoin, so restart the process.</summary>
    public const int RemovedFromCluster = 4;
}
