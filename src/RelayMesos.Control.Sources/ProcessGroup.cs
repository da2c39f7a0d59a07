using System.Runtime.InteropServices;

namespace RelayMesos.Control.Sources;

/// <summary>Signals a whole process group, so a command's grandchildren die with it.</summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    public static void Kill(int groupId) => _ = KillNative(-groupId, SigKill);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
