using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace RelayMesos.Control.Controllers;

/// <summary>The bounded error history (Relay's <c>deque(maxlen=lookback)</c>) over immutable arrays.</summary>
internal static class ErrorWindow
{
    public static ImmutableArray<double> Push(ImmutableArray<double> window, double error, int lookback)
    {
        var keep = Math.Min(window.Length, Math.Max(lookback - 1, 0));
        var next = new double[keep + 1];
        window.AsSpan(window.Length - keep, keep).CopyTo(next);
        next[keep] = error;
        return ImmutableCollectionsMarshal.AsImmutableArray(next);
    }

    /// <summary>Relay's <c>weight * sum(errdata) / len(errdata)</c>, in that evaluation order.</summary>
    public static double WeightedMean(ReadOnlySpan<double> window, double weight)
    {
        var sum = 0.0;
        foreach (var e in window)
        {
            sum += e;
        }

        return weight * sum / window.Length;
    }

    public static double Mean(ReadOnlySpan<double> window) => window.Length == 0 ? 0 : WeightedMean(window, 1);
}
