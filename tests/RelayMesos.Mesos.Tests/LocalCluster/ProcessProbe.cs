namespace RelayMesos.Mesos.Tests.LocalCluster;

/// <summary>Looks at processes through /proc: a zombie counts as gone, since it no longer runs.</summary>
internal static class ProcessProbe
{
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task<int> ReadPidAsync(string path)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(path) && int.TryParse((await File.ReadAllTextAsync(path)).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"{path} never got a pid");
    }

    public static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 200 && IsRunning(pid); i++)
        {
            await Task.Delay(25);
        }
    }
}
