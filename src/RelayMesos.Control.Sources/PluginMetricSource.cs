using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;

namespace RelayMesos.Control.Sources;

/// <summary>
/// <c>type = plugin</c>: an <see cref="IMetricSource"/> from an assembly file, like Relay's dotted plugin paths.
/// The type needs a public constructor taking an <see cref="IConfiguration"/> (its own config section) or none.
/// Its reads are bounded by the configured timeout.
/// </summary>
public sealed class PluginMetricSource : IMetricSource
{
    private readonly IMetricSource inner;
    private readonly TimeSpan timeout;

    private PluginMetricSource(IMetricSource inner, TimeSpan timeout)
    {
        this.inner = inner;
        this.timeout = timeout;
    }

    public static PluginMetricSource Load(string assemblyPath, string typeName, IConfiguration section, TimeSpan timeout)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        if (!File.Exists(fullPath))
        {
            throw new PluginLoadException($"plugin assembly '{fullPath}' does not exist");
        }

        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new PluginLoadException($"'{fullPath}' is not a loadable .NET assembly: {e.Message}");
        }

        var type = assembly.GetType(typeName, throwOnError: false)
            ?? throw new PluginLoadException($"'{fullPath}' has no type '{typeName}'");
        if (!typeof(IMetricSource).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new PluginLoadException($"'{typeName}' is not a concrete {nameof(IMetricSource)}");
        }

        var instance = type.GetConstructor([typeof(IConfiguration)]) is { } withConfig
            ? withConfig.Invoke([section])
            : type.GetConstructor(Type.EmptyTypes) is { } plain
                ? plain.Invoke(null)
                : throw new PluginLoadException($"'{typeName}' needs a public constructor taking IConfiguration, or none");
        return new PluginMetricSource((IMetricSource)instance, timeout);
    }

    public async Task<SampleResult> ReadAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await inner.ReadAsync(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SampleResult.Failed($"plugin timed out after {timeout.TotalMilliseconds} ms");
        }
    }
}
