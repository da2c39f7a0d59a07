using System.Globalization;
using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;
using Attribute = RelayMesos.Mesos.V1.Attribute;

namespace RelayMesos.LocalCluster;

/// <summary>Parses Mesos' agent attribute syntax ("rack:r1;cores:8;slots:[1-4]") into attribute messages.</summary>
public static partial class AgentAttributes
{
    /// <summary>Fills the <c>{i}</c> and <c>{i%N}</c> placeholders of an attribute text with agent <paramref name="index"/>.</summary>
    public static string ForAgent(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IndexPlaceholder().Replace(text, match =>
        {
            if (!match.Groups[1].Success)
            {
                return index.ToString(CultureInfo.InvariantCulture);
            }

            var modulus = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            return modulus > 0
                ? (index % modulus).ToString(CultureInfo.InvariantCulture)
                : throw new FormatException($"Placeholder '{match.Value}' needs a modulus above 0.");
        });
    }

    public static IReadOnlyList<Attribute> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var attributes = new List<Attribute>();
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == entry.Length - 1)
            {
                throw new FormatException($"Attribute '{entry}' is not name:value.");
            }

            var name = entry[..colon].Trim();
            var value = entry[(colon + 1)..].Trim();
            attributes.Add(ToAttribute(name, value));
        }

        return attributes;
    }

    private static Attribute ToAttribute(string name, string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scalar))
        {
            return new Attribute { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = scalar } };
        }

        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            var ranges = new Value.Types.Ranges();
            ranges.Range.AddRange(RangeSet.Parse(value).Ranges.Select(r => new Value.Types.Range { Begin = r.Begin, End = r.End }));
            return new Attribute { Name = name, Type = Value.Types.Type.Ranges, Ranges = ranges };
        }

        return new Attribute { Name = name, Type = Value.Types.Type.Text, Text = new Value.Types.Text { Value = value } };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{i(?:%(\d+))?\}")]
    private static partial System.Text.RegularExpressions.Regex IndexPlaceholder();
}
