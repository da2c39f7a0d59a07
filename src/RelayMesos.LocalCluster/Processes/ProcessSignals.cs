using System.Runtime.InteropServices;

namespace RelayMesos.LocalCluster.Processes;

/// <summary>POSIX signals sent to whole process groups, so children a task forks die with it.</summary>
internal static partial class ProcessSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Signals the process group led by <paramref name="groupId"/>; false when it no longer exists.</summary>
    public static bool SignalGroup(int groupId, int signal) => groupId > 1 && Kill(-groupId, signal) == 0;

    /// <summary>True while a process with that id exists (signal 0 probes without sending anything).</summary>
    public static bool IsAlive(int processId) => processId > 1 && Kill(processId, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
