using System.Text.Json;

namespace RelayMesos.Framework.Offers;

/// <summary>
/// Reads placement constraints in Marathon's JSON form <c>[["hostname","MAX_PER","2"],["rack","GROUP_BY"]]</c>
/// and in the config form, one "field:OPERATOR[:value]" string each.
/// </summary>
public static class PlacementConstraintParser
{
    /// <summary>Parses "field:OPERATOR[:value]"; the value is everything after the second colon.</summary>
    public static PlacementConstraint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 3);
        if (parts.Length < 2)
        {
            throw new InvalidPlacementConstraintException(text, "expected field:OPERATOR or field:OPERATOR:value.");
        }

        return Build(text, parts[0].Trim(), parts[1].Trim(), parts.Length == 3 ? parts[2] : null);
    }

    public static IReadOnlyList<PlacementConstraint> ParseAll(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(Parse).ToArray();
    }

    public static IReadOnlyList<PlacementConstraint> ParseMarathonJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidPlacementConstraintException(json, $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidPlacementConstraintException(json, "expected an array of constraints, each an array like [\"hostname\",\"UNIQUE\"].");
            }

            return document.RootElement.EnumerateArray().Select(FromJson).ToArray();
        }
    }

    private static PlacementConstraint FromJson(JsonElement element)
    {
        var written = element.GetRawText();
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidPlacementConstraintException(written, "expected an array like [\"field\",\"OPERATOR\",\"value\"].");
        }

        var parts = element.EnumerateArray().Select(part => part.ValueKind switch
        {
            JsonValueKind.String => part.GetString()!,
            JsonValueKind.Number => part.GetRawText(),
            _ => throw new InvalidPlacementConstraintException(written, $"{part.GetRawText()} is neither a string nor a number."),
        }).ToArray();
        if (parts.Length is < 2 or > 3)
        {
            throw new InvalidPlacementConstraintException(written, $"expected 2 or 3 elements, got {parts.Length}.");
        }

        return Build(written, parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    private static PlacementConstraint Build(string written, string field, string op, string? value)
    {
        var parsed = op.ToUpperInvariant() switch
        {
            "UNIQUE" => ConstraintOperator.Unique,
            "CLUSTER" => ConstraintOperator.Cluster,
            "GROUP_BY" => ConstraintOperator.GroupBy,
            "LIKE" => ConstraintOperator.Like,
            "UNLIKE" => ConstraintOperator.Unlike,
            "MAX_PER" => ConstraintOperator.MaxPer,
            _ => throw new InvalidPlacementConstraintException(
                written, $"unknown operator '{op}'; expected UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE or MAX_PER."),
        };
        try
        {
            return PlacementConstraint.Create(field, parsed, value);
        }
        catch (InvalidPlacementConstraintException e)
        {
            // Name the constraint as the user wrote it, not as it re-renders.
            throw new InvalidPlacementConstraintException(written, e.Problem);
        }
    }
}
