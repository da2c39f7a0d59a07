using System.Text;

namespace RelayMesos.Hocon;

/// <summary>Writes a tree back as HOCON text with sorted keys; parsing the output gives the same tree.</summary>
internal static class HoconRenderer
{
    public static string Render(HoconObject root, bool withOrigins)
    {
        var builder = new StringBuilder();
        Fields(builder, root, 0, withOrigins);
        return builder.ToString();
    }

    private static void Fields(StringBuilder builder, HoconObject obj, int depth, bool withOrigins)
    {
        foreach (var key in obj.Fields.Keys.Order(StringComparer.Ordinal))
        {
            var value = obj.Fields[key];
            var layers = value is HoconMergeStack stack ? stack.Layers : [value];
            foreach (var layer in layers)
            {
                if (withOrigins && layer is not HoconObject)
                {
                    Indent(builder, depth).Append("# ").Append(layer.Origin).Append('\n');
                }

                Indent(builder, depth).Append(HoconPath.RenderKey(key));
                builder.Append(layer is HoconObject ? " " : " = ");
                Value(builder, layer, depth, withOrigins);
                builder.Append('\n');
            }
        }
    }

    private static void Value(StringBuilder builder, HoconNode node, int depth, bool withOrigins)
    {
        switch (node)
        {
            case HoconObject obj when obj.Fields.Count == 0:
                builder.Append("{}");
                break;
            case HoconObject obj:
                builder.Append("{\n");
                Fields(builder, obj, depth + 1, withOrigins);
                Indent(builder, depth).Append('}');
                break;
            case HoconArray array when array.Items.All(i => i is HoconScalar):
                builder.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    Value(builder, array.Items[i], depth, withOrigins);
                }

                builder.Append(']');
                break;
            case HoconArray array:
                builder.Append("[\n");
                foreach (var item in array.Items)
                {
                    Indent(builder, depth + 1);
                    Value(builder, item, depth + 1, withOrigins);
                    builder.Append('\n');
                }

                Indent(builder, depth).Append(']');
                break;
            case HoconScalar { Kind: HoconScalarKind.String } scalar:
                builder.Append(HoconQuoting.Quote(scalar.Text));
                break;
            case HoconScalar scalar:
                builder.Append(scalar.Text);
                break;
            case HoconSubstitution substitution:
                builder.Append(substitution);
                break;
            case HoconWhitespace whitespace:
                builder.Append(whitespace.Text);
                break;
            case HoconConcatenation concatenation:
                foreach (var part in concatenation.Parts)
                {
                    Value(builder, part, depth, withOrigins);
                }

                break;
        }
    }

    private static StringBuilder Indent(StringBuilder builder, int depth) => builder.Append(' ', depth * 2);
}
