using RelayMesos.EndToEnd.Tests.Framework;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// The collection fixture behind <see cref="EmbeddedTargetCollection"/> and <see cref="RealMesosCollection"/>: one embedded cluster or one real Mesos
/// for every test in the collection, each started the first time a test asks for it. When start-mesos is
/// missing, every real-Mesos test fails with the line saying where it was looked for (never a silent skip).
/// </summary>
public sealed class MesosTargets : IAsyncLifetime
{
    public const string Embedded = "embedded";
    /// <summary>The real master's name; its tests are the classes named *RealMesos*: `--filter FullyQualifiedName~RealMesos` runs exactly them.</summary>
    public const string Real = "real-mesos";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Task<MesosTarget>> _started = new(StringComparer.Ordinal);

    public async Task<MesosTarget> GetAsync(string name)
    {
        Task<MesosTarget> start;
        await _gate.WaitAsync();
        try
        {
            if (!_started.TryGetValue(name, out start!))
            {
                start = name switch
                {
                    Embedded => Start(StandaloneCluster.StartAsync(agents: 2, attributes: "rack:r{i}")),
                    Real => Start(RealMesosTarget.StartAsync()),
                    _ => throw new ArgumentException($"unknown target '{name}'", nameof(name)),
                };
                _started[name] = start;
            }
        }
        finally
        {
            _gate.Release();
        }

        return await start;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var start in _started.Values)
        {
            if (start.IsCompletedSuccessfully)
            {
                await start.Result.DisposeAsync();
            }
        }

        _gate.Dispose();
    }

    private static async Task<MesosTarget> Start<T>(Task<T> start)
        where T : MesosTarget => await start;
}
