using System.Text;

namespace RelayMesos.Hocon;

/// <summary>Path expressions (HOCON.md "Path expressions"): splitting keys on unquoted dots, and rendering back.</summary>
internal static class HoconPath
{
    /// <summary>One piece of a key as written: quoted text never splits on '.'.</summary>
    public readonly record struct Piece(string Text, bool Quoted, HoconOrigin Origin);

    public static IReadOnlyList<string> FromPieces(IReadOnlyList<Piece> pieces)
    {
        var elements = new List<string>();
        var current = new StringBuilder();
        var currentHasContent = false;
        var origin = pieces.Count > 0 ? pieces[0].Origin : new HoconOrigin("<path>", 1, 1);
        foreach (var piece in pieces)
        {
            if (piece.Quoted)
            {
                current.Append(piece.Text);
                currentHasContent = true;
                continue;
            }

            var parts = piece.Text.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    if (!currentHasContent)
                    {
                        throw EmptyElement(piece.Origin, pieces);
                    }

                    elements.Add(current.ToString());
                    current.Clear();
                    currentHasContent = false;
                }

                current.Append(parts[i]);
                currentHasContent |= parts[i].Length > 0;
            }
        }

        if (!currentHasContent)
        {
            throw EmptyElement(origin, pieces);
        }

        elements.Add(current.ToString());
        return elements;
    }

    /// <summary>Parses a path given in code, such as "relay.delay" or a."b.c".</summary>
    public static IReadOnlyList<string> Parse(string path)
    {
        var tokens = new HoconTokenizer(path, "<path>").Tokenize();
        var pieces = new List<Piece>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case HoconTokenKind.End:
                    break;
                case HoconTokenKind.QuotedString:
                    pieces.Add(new Piece(token.Text, true, token.Origin));
                    break;
                case HoconTokenKind.Whitespace when pieces.Count > 0:
                case HoconTokenKind.UnquotedText or HoconTokenKind.Number or HoconTokenKind.Boolean or HoconTokenKind.Null:
                    pieces.Add(new Piece(token.Text, false, token.Origin));
                    break;
                case HoconTokenKind.Whitespace:
                    break;
                default:
                    throw new HoconException(token.Origin, "a path such as a.b.c", $"expected a path such as a.b.c, found {token.Describe()} in '{path}'");
            }
        }

        while (pieces.Count > 0 && !pieces[^1].Quoted && string.IsNullOrWhiteSpace(pieces[^1].Text))
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        return FromPieces(pieces);
    }

    public static string Render(IReadOnlyList<string> path) => string.Join('.', path.Select(RenderKey));

    public static string RenderKey(string key) =>
        IsPlainKey(key) ? key : HoconQuoting.Quote(key);

    // Unquoted key text is taken as written (numbers and keywords included), so only dots,
    // reserved characters, whitespace and a leading "include" need quotes.
    private static bool IsPlainKey(string key) =>
        key.Length > 0
        && key != "include"
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static HoconException EmptyElement(HoconOrigin origin, IReadOnlyList<Piece> pieces)
    {
        var written = string.Concat(pieces.Select(p => p.Quoted ? HoconQuoting.Quote(p.Text) : p.Text));
        return new HoconException(
            origin,
            "a path whose elements are not empty (quote an empty key as \"\")",
            written.Length == 0
                ? "expected a key or path, found nothing"
                : $"path '{written}' has an empty element; expected elements separated by single dots (quote an empty key as \"\")");
    }
}
