namespace RelayMesos.Framework.Offers;

/// <summary>
/// The resources one task needs: scalar amounts, a count of values from each named range
/// resource (e.g. 2 from "ports"), and items from set resources.
/// </summary>
public sealed record TaskRequirement
{
    /// <summary>Largest scalar the matcher accepts; keeps thousandths of it inside a long.</summary>
    public const double MaxScalar = 1e15;

    public TaskRequirement(
        IReadOnlyDictionary<string, double> scalars,
        IReadOnlyDictionary<string, int>? rangeCounts = null,
        IReadOnlyDictionary<string, SetRequirement>? sets = null)
    {
        ArgumentNullException.ThrowIfNull(scalars);
        foreach (var (name, amount) in scalars)
        {
            if (!double.IsFinite(amount) || amount < 0 || amount > MaxScalar)
            {
                throw new ArgumentException(
                    $"Scalar requirement '{name}' must be a finite amount between 0 and {MaxScalar}, got {amount}.",
                    nameof(scalars));
            }
        }

        foreach (var (name, count) in rangeCounts ?? new Dictionary<string, int>())
        {
            if (count < 0)
            {
                throw new ArgumentException(
                    $"Range requirement '{name}' must ask for zero or more values, got {count}.", nameof(rangeCounts));
            }
        }

        Scalars = scalars;
        RangeCounts = rangeCounts ?? new Dictionary<string, int>();
        Sets = sets ?? new Dictionary<string, SetRequirement>();
    }

    public IReadOnlyDictionary<string, double> Scalars { get; }

    /// <summary>How many distinct values to take from each named range resource.</summary>
    public IReadOnlyDictionary<string, int> RangeCounts { get; }

    public IReadOnlyDictionary<string, SetRequirement> Sets { get; }

    /// <summary>The usual relay task: cpus, mem and disk in MB, gpus, and a number of ports.</summary>
    public static TaskRequirement Of(double cpus, double memMb, double diskMb = 0, double gpus = 0, int ports = 0)
    {
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [ResourceNames.Cpus] = cpus,
            [ResourceNames.Mem] = memMb,
        };
        if (diskMb != 0)
        {
            scalars[ResourceNames.Disk] = diskMb;
        }

        if (gpus != 0)
        {
            scalars[ResourceNames.Gpus] = gpus;
        }

        var ranges = new Dictionary<string, int>(StringComparer.Ordinal);
        if (ports != 0)
        {
            ranges[ResourceNames.Ports] = ports;
        }

        return new TaskRequirement(scalars, ranges);
    }
}
