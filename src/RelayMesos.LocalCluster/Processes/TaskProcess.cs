using System.Diagnostics;

namespace RelayMesos.LocalCluster.Processes;

/// <summary>
/// A task's process, started through setsid so that it leads its own process group: signals go to the whole
/// group and nothing the task forks outlives it. stdout and stderr go to files in the sandbox.
/// </summary>
internal sealed class TaskProcess
{
    // Redirects inside the child so output lands in files without pipes that the cluster would have to drain.
    private const string RedirectingWrapper = "exec \"$@\" </dev/null >>stdout 2>>stderr";

    private readonly CancellationTokenSource exited = new();
    private int terminating;

    private TaskProcess(Task<int> exit)
    {
        Exit = exit;
    }

    public int ProcessId { get; private set; }

    /// <summary>Completes with the exit code (128 + signal number when a signal ended it).</summary>
    public Task<int> Exit { get; }

    public bool TerminationRequested => Volatile.Read(ref terminating) != 0;

    public static TaskProcess Start(TaskLaunchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(plan.Sandbox);
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = plan.Sandbox, UseShellExecute = false };
        foreach (var argument in (string[])["--wait", "/bin/bash", "-c", RedirectingWrapper, "mesos-task", .. plan.Argv])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in plan.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Start();
        // Read before waiting: a task that exits at once completes the wait synchronously, which disposes the Process,
        // and its Id then throws (a loaded machine failed an ACCEPT with a 500 that way).
        var processId = process.Id;
        var taskProcess = new TaskProcess(WaitAsync(process)) { ProcessId = processId };
        taskProcess.Exit.ContinueWith(_ => taskProcess.OnExited(), TaskScheduler.Default);
        return taskProcess;
    }

    /// <summary>SIGTERM to the group now, SIGKILL after the grace period unless the task is gone by then.</summary>
    public void Terminate(TimeSpan gracePeriod)
    {
        Interlocked.Exchange(ref terminating, 1);
        if (gracePeriod <= TimeSpan.Zero)
        {
            KillNow();
            return;
        }

        Signal(ProcessSignals.SigTerm);
        _ = Task.Delay(gracePeriod, exited.Token).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    Signal(ProcessSignals.SigKill);
                }
            },
            TaskScheduler.Default);
    }

    public void KillNow()
    {
        Interlocked.Exchange(ref terminating, 1);
        Signal(ProcessSignals.SigKill);
    }

    private void Signal(int signal)
    {
        // Until setsid(2) has run in the child its group does not exist yet, so the process itself is signalled
        // too; once it has exited its pid may be reused and only the group (whose members it reaps) is safe.
        if (!exited.IsCancellationRequested)
        {
            ProcessSignals.SignalProcess(ProcessId, signal);
        }

        ProcessSignals.SignalGroup(ProcessId, signal);
    }

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        var code = process.ExitCode;
        process.Dispose();
        return code;
    }

    private void OnExited()
    {
        // The task's container ends with its main process, as under Mesos: stragglers in the group go too.
        ProcessSignals.SignalGroup(ProcessId, ProcessSignals.SigKill);
        exited.Cancel();
    }
}
