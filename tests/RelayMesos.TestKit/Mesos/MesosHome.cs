namespace RelayMesos.TestKit.Mesos;

/// <summary>
/// Finds `start-mesos` (the real Apache Mesos 1.12 master + agents built for this kind of machine):
/// <see cref="Variable"/> names its folder, else `shared/mesos/` beside or above the repository checkout
/// (the repository is a sibling of `shared/`, e.g. /work/main and /work/shared).
/// </summary>
public static class MesosHome
{
    public const string Variable = "RELAYMESOS_MESOS_HOME";

    /// <summary>The path of start-mesos, or <see cref="MesosUnavailableException"/> naming every place looked in.</summary>
    public static string StartScript()
    {
        var candidates = Candidates().ToList();
        foreach (var folder in candidates)
        {
            var script = Path.Combine(folder, "start-mesos");
            if (File.Exists(script))
            {
                return script;
            }
        }

        var variable = Environment.GetEnvironmentVariable(Variable);
        throw new MesosUnavailableException(
            $"start-mesos (the real Mesos master for the end-to-end tests) not found; looked in {string.Join(", ", candidates)} " +
            $"({Variable} is {(string.IsNullOrEmpty(variable) ? "unset" : $"'{variable}'")}). Set {Variable} to the folder holding start-mesos.");
    }

    private static IEnumerable<string> Candidates()
    {
        var variable = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(variable))
        {
            // An explicit setting is the only place looked in: a wrong one must not be papered over.
            yield return Path.GetFullPath(variable);
            yield break;
        }

        // From the test assembly's folder upwards: every ancestor's shared/mesos (the checkout's siblings included).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, "shared", "mesos");
        }

        // Where this workplace mounts it, for a checkout that is not a sibling of shared/ (a CI clone elsewhere).
        yield return "/work/shared/mesos";
    }
}
