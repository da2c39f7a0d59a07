using System.Runtime.InteropServices;

namespace RelayMesos.LocalCluster.Processes;

/// <summary>POSIX signals sent to whole process groups, so children a task forks die with it.</summary>
internal static partial class ProcessSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Signals the process group led by <paramref name="groupId"/>; false when it no longer exists.</summary>
    public static bool SignalGroup(int groupId, int signal) => groupId > 1 && Kill(-groupId, signal) == 0;

    public static bool SignalProcess(int processId, int signal) => processId > 1 && Kill(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
