using System.Globalization;
using System.Text.RegularExpressions;

namespace RelayMesos.Framework.Offers;

/// <summary>
/// A Marathon-style placement constraint over the agent's hostname (field "hostname") or one of
/// its attributes. Build with <see cref="Create"/> or <see cref="PlacementConstraintParser"/>, which
/// validate the value and compile a LIKE/UNLIKE expression once.
/// </summary>
public sealed record PlacementConstraint
{
    private PlacementConstraint(string field, ConstraintOperator op, string? value, int limit, Regex? pattern)
    {
        Field = field;
        Operator = op;
        Value = value;
        Limit = limit;
        Pattern = pattern;
    }

    public string Field { get; }

    public ConstraintOperator Operator { get; }

    /// <summary>The operator's argument as written (count, value or regex); null when it takes none.</summary>
    public string? Value { get; }

    /// <summary>
    /// MAX_PER: tasks allowed per value (UNIQUE: 1). GROUP_BY: how many distinct values to expect,
    /// so values not yet seen count as empty groups (0 when not given).
    /// </summary>
    public int Limit { get; }

    internal Regex? Pattern { get; }

    public bool IsHostname => Field == ResourceNames.HostnameField;

    public static PlacementConstraint Create(string field, ConstraintOperator op, string? value = null)
    {
        var written = Render(field, OperatorName(op), value);
        if (string.IsNullOrWhiteSpace(field))
        {
            throw new InvalidPlacementConstraintException(written, "the field name is empty.");
        }

        switch (op)
        {
            case ConstraintOperator.Unique:
                if (value is not null)
                {
                    throw new InvalidPlacementConstraintException(written, "UNIQUE takes no value.");
                }

                return new PlacementConstraint(field, op, null, 1, null);
            case ConstraintOperator.MaxPer:
                return new PlacementConstraint(field, op, value, PositiveCount(written, op, value), null);
            case ConstraintOperator.GroupBy:
                return new PlacementConstraint(field, op, value, value is null ? 0 : PositiveCount(written, op, value), null);
            case ConstraintOperator.Cluster:
                if (string.IsNullOrEmpty(value))
                {
                    throw new InvalidPlacementConstraintException(written, "CLUSTER needs the value to run on.");
                }

                return new PlacementConstraint(field, op, value, 0, null);
            case ConstraintOperator.Like:
            case ConstraintOperator.Unlike:
                return new PlacementConstraint(field, op, value, 0, FullMatch(written, op, value));
            default:
                throw new InvalidPlacementConstraintException(written, $"unknown operator {op}.");
        }
    }

    public static string OperatorName(ConstraintOperator op) => op switch
    {
        ConstraintOperator.Unique => "UNIQUE",
        ConstraintOperator.Cluster => "CLUSTER",
        ConstraintOperator.GroupBy => "GROUP_BY",
        ConstraintOperator.Like => "LIKE",
        ConstraintOperator.Unlike => "UNLIKE",
        ConstraintOperator.MaxPer => "MAX_PER",
        _ => op.ToString(),
    };

    /// <summary>Whether an agent whose field has <paramref name="value"/> (null: absent) may ever take the task.</summary>
    internal bool AdmitsValue(string? value) => Operator switch
    {
        ConstraintOperator.Unlike => value is null || !Pattern!.IsMatch(value),
        _ when value is null => false,
        ConstraintOperator.Cluster => value == Value,
        ConstraintOperator.Like => Pattern!.IsMatch(value),
        _ => true,
    };

    public bool Equals(PlacementConstraint? other) =>
        other is not null && Field == other.Field && Operator == other.Operator && Value == other.Value;

    public override int GetHashCode() => HashCode.Combine(Field, Operator, Value);

    /// <summary>The config form, e.g. "hostname:MAX_PER:2".</summary>
    public override string ToString() => Render(Field, OperatorName(Operator), Value);

    internal static string Render(string field, string op, string? value) =>
        value is null ? $"{field}:{op}" : $"{field}:{op}:{value}";

    private static int PositiveCount(string written, ConstraintOperator op, string? value)
    {
        if (value is null
            || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1)
        {
            throw new InvalidPlacementConstraintException(
                written, $"{OperatorName(op)} needs a positive whole number, got '{value ?? "nothing"}'.");
        }

        return count;
    }

    private static Regex FullMatch(string written, ConstraintOperator op, string? value)
    {
        if (value is null)
        {
            throw new InvalidPlacementConstraintException(written, $"{OperatorName(op)} needs a regular expression.");
        }

        try
        {
            // NonBacktracking runs in linear time, so a hostile expression cannot stall offer handling.
            return new Regex(
                $"\\A(?:{value})\\z",
                RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new InvalidPlacementConstraintException(written, $"'{value}' is not a usable regular expression: {e.Message}");
        }
    }
}
