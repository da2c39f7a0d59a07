using System.Globalization;
using System.Text.Json;

namespace RelayMesos.Control.Sources;

/// <summary>
/// The small JSON path subset metric sources need: <c>$</c>, <c>.name</c>, <c>['name']</c> and <c>[index]</c>,
/// e.g. <c>$.data.queue.depth</c> or <c>$.data.result[0].value[1]</c>.
/// </summary>
public sealed class JsonPath
{
    private readonly object[] segments;

    private JsonPath(string text, object[] segments)
    {
        Text = text;
        this.segments = segments;
    }

    public string Text { get; }

    public static JsonPath Parse(string text)
    {
        if (!text.StartsWith('$'))
        {
            throw new FormatException($"JSON path '{text}' must start with '$'.");
        }

        var segments = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not ('.' or '['))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    throw new FormatException($"JSON path '{text}' has an empty name at {i}.");
                }

                segments.Add(text[(i + 1)..end]);
                i = end;
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"JSON path '{text}' has an unclosed '[' at {i}.");
                }

                var inner = text[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    segments.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else
                {
                    throw new FormatException($"JSON path '{text}' has '[{inner}]', expected an index or a quoted name.");
                }

                i = close + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{text}' has '{text[i]}' at {i}, expected '.' or '['.");
            }
        }

        return new JsonPath(text, [.. segments]);
    }

    /// <summary>The number at this path; a JSON string holding a number counts (Prometheus sends values so).</summary>
    public SampleResult Select(JsonElement root)
    {
        var node = root;
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case string name when node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var child):
                    node = child;
                    break;
                case int index when node.ValueKind == JsonValueKind.Array && index < node.GetArrayLength():
                    node = node[index];
                    break;
                default:
                    return SampleResult.Failed($"JSON path {Text} matches nothing (at '{segment}')");
            }
        }

        return node.ValueKind switch
        {
            JsonValueKind.Number => SampleResult.Success(node.GetDouble()),
            JsonValueKind.String => NumberText.Parse(node.GetString() ?? string.Empty, $"value at {Text}"),
            _ => SampleResult.Failed($"value at {Text} is a {node.ValueKind}, not a number"),
        };
    }
}
