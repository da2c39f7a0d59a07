using System.Globalization;
using RelayMesos.Mesos.V1;

namespace RelayMesos.LocalCluster.Resources;

/// <summary>
/// Unreserved agent resources as value arithmetic: named scalars (kept in thousandths, because Mesos keeps
/// three decimal digits and integer arithmetic never drifts) and named range sets such as ports.
/// </summary>
public sealed class ResourceBag : IEquatable<ResourceBag>
{
    public static readonly ResourceBag Empty = new(new Dictionary<string, long>(), new Dictionary<string, RangeSet>());

    private readonly SortedDictionary<string, long> milliScalars;
    private readonly SortedDictionary<string, RangeSet> ranges;

    private ResourceBag(IDictionary<string, long> milliScalars, IDictionary<string, RangeSet> ranges)
    {
        this.milliScalars = new SortedDictionary<string, long>(
            milliScalars.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
        this.ranges = new SortedDictionary<string, RangeSet>(
            ranges.Where(kv => !kv.Value.IsEmpty).ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
    }

    public bool IsEmpty => milliScalars.Count == 0 && ranges.Count == 0;

    public IEnumerable<string> ScalarNames => milliScalars.Keys;

    public IEnumerable<string> RangeNames => ranges.Keys;

    public static ResourceBag Create(IReadOnlyDictionary<string, double> scalars, IReadOnlyDictionary<string, RangeSet>? rangeSets = null)
    {
        ArgumentNullException.ThrowIfNull(scalars);
        return new ResourceBag(
            scalars.ToDictionary(kv => kv.Key, kv => ToMilli(kv.Value)),
            rangeSets?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? []);
    }

    public double Scalar(string name) => milliScalars.TryGetValue(name, out var milli) ? milli / 1000.0 : 0.0;

    public RangeSet Range(string name) => ranges.TryGetValue(name, out var set) ? set : RangeSet.Empty;

    public ResourceBag Plus(ResourceBag other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var scalars = new Dictionary<string, long>(milliScalars);
        foreach (var (name, milli) in other.milliScalars)
        {
            scalars[name] = scalars.GetValueOrDefault(name) + milli;
        }

        var sets = new Dictionary<string, RangeSet>(ranges);
        foreach (var (name, set) in other.ranges)
        {
            sets[name] = sets.TryGetValue(name, out var mine) ? mine.Union(set) : set;
        }

        return new ResourceBag(scalars, sets);
    }

    /// <summary>Subtracts, dropping anything that would go below zero (callers check <see cref="Contains"/> first).</summary>
    public ResourceBag Minus(ResourceBag other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var scalars = new Dictionary<string, long>(milliScalars);
        foreach (var (name, milli) in other.milliScalars)
        {
            scalars[name] = Math.Max(0, scalars.GetValueOrDefault(name) - milli);
        }

        var sets = new Dictionary<string, RangeSet>(ranges);
        foreach (var (name, set) in other.ranges)
        {
            if (sets.TryGetValue(name, out var mine))
            {
                sets[name] = mine.Except(set);
            }
        }

        return new ResourceBag(scalars, sets);
    }

    public bool Contains(ResourceBag other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.milliScalars.All(kv => milliScalars.GetValueOrDefault(kv.Key) >= kv.Value)
            && other.ranges.All(kv => Range(kv.Key).Contains(kv.Value));
    }

    /// <summary>
    /// Converts protobuf resources. Anything this cluster never offers (reservations, volumes, sets, text,
    /// revocable or shared resources) is an error, so such a request can never fit inside an offer.
    /// </summary>
    public static ResourceBag FromProto(IEnumerable<Resource> resources, out string? error)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var scalars = new Dictionary<string, long>();
        var sets = new Dictionary<string, RangeSet>();
        error = null;
        foreach (var resource in resources)
        {
            if (resource.Reservations.Count > 0 || resource.Reservation is not null || HasStaticRole(resource)
                || resource.Disk is not null || resource.Revocable is not null || resource.Shared is not null || resource.ProviderId is not null)
            {
                error = $"Resource '{resource.Name}' is reserved, a volume, revocable or shared; this cluster offers only unreserved resources";
                return Empty;
            }

            switch (resource.Type)
            {
                case Value.Types.Type.Scalar when resource.Scalar is not null && resource.Scalar.Value >= 0 && double.IsFinite(resource.Scalar.Value):
                    scalars[resource.Name] = scalars.GetValueOrDefault(resource.Name) + ToMilli(resource.Scalar.Value);
                    break;
                case Value.Types.Type.Ranges when resource.Ranges is not null:
                    var set = RangeSet.Of(resource.Ranges.Range.Select(r => (r.Begin, r.End)));
                    sets[resource.Name] = sets.TryGetValue(resource.Name, out var existing) ? existing.Union(set) : set;
                    break;
                default:
                    error = $"Resource '{resource.Name}' of type {resource.Type} is malformed or not offered by this cluster";
                    return Empty;
            }
        }

        return new ResourceBag(scalars, sets);
    }

    public IEnumerable<Resource> ToProto()
    {
        foreach (var (name, milli) in milliScalars)
        {
            yield return new Resource { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = milli / 1000.0 } };
        }

        foreach (var (name, set) in ranges)
        {
            var proto = new Value.Types.Ranges();
            proto.Range.AddRange(set.Ranges.Select(r => new Value.Types.Range { Begin = r.Begin, End = r.End }));
            yield return new Resource { Name = name, Type = Value.Types.Type.Ranges, Ranges = proto };
        }
    }

    /// <summary>A JSON-friendly view: scalars as numbers, ranges as "[a-b,...]" strings (like Mesos' state endpoint).</summary>
    public IReadOnlyDictionary<string, object> ToSummary()
    {
        var summary = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, milli) in milliScalars)
        {
            summary[name] = milli / 1000.0;
        }

        foreach (var (name, set) in ranges)
        {
            summary[name] = set.ToString();
        }

        return summary;
    }

    public bool Equals(ResourceBag? other) =>
        other is not null && milliScalars.SequenceEqual(other.milliScalars) && ranges.SequenceEqual(other.ranges);

    public override bool Equals(object? obj) => Equals(obj as ResourceBag);

    public override int GetHashCode() => HashCode.Combine(milliScalars.Count, ranges.Count);

    public override string ToString() =>
        string.Join("; ", ToSummary().Select(kv => $"{kv.Key}:{Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}"));

    // Pre-refinement schedulers still mark static reservations with the deprecated role field.
#pragma warning disable CS0612
    private static bool HasStaticRole(Resource resource) => resource.HasRole && resource.Role != "*";
#pragma warning restore CS0612

    private static long ToMilli(double value) => (long)Math.Round(value * 1000.0, MidpointRounding.AwayFromZero);
}
