using System.Globalization;
using System.Text;

namespace RelayMesos.Hocon;

/// <summary>Turns HOCON text into tokens in one pass; comments are dropped, newlines kept (they separate fields).</summary>
internal sealed class HoconTokenizer(string text, string source)
{
    private const string ForbiddenInUnquoted = "$\"{}[]:=,+#`^?!@*&\\";

    private int _position;
    private int _line = 1;
    private int _column = 1;

    public List<HoconToken> Tokenize()
    {
        var tokens = new List<HoconToken>();
        while (true)
        {
            var token = Next();
            if (token is null)
            {
                continue;
            }

            tokens.Add(token);
            if (token.Kind == HoconTokenKind.End)
            {
                return tokens;
            }
        }
    }

    private HoconOrigin Here => new(source, _line, _column);

    private char Peek(int ahead = 0) => _position + ahead < text.Length ? text[_position + ahead] : '\0';

    private bool AtEnd => _position >= text.Length;

    private char Advance()
    {
        var c = text[_position++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        return c;
    }

    internal static bool IsWhitespace(char c) =>
        c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF' || c is >= '\u001C' and <= '\u001F');

    /// <summary>The next token, or null for a skipped comment.</summary>
    private HoconToken? Next()
    {
        var origin = Here;
        if (AtEnd)
        {
            return new HoconToken(HoconTokenKind.End, "", origin);
        }

        var c = Peek();
        if (c == '#' || (c == '/' && Peek(1) == '/'))
        {
            while (!AtEnd && Peek() != '\n')
            {
                Advance();
            }

            return null;
        }

        if (c == '\n')
        {
            Advance();
            return new HoconToken(HoconTokenKind.Newline, "\n", origin);
        }

        if (IsWhitespace(c))
        {
            var start = _position;
            while (!AtEnd && IsWhitespace(Peek()))
            {
                Advance();
            }

            return new HoconToken(HoconTokenKind.Whitespace, text[start.._position], origin);
        }

        switch (c)
        {
            case '{': Advance(); return new HoconToken(HoconTokenKind.LeftBrace, "{", origin);
            case '}': Advance(); return new HoconToken(HoconTokenKind.RightBrace, "}", origin);
            case '[': Advance(); return new HoconToken(HoconTokenKind.LeftBracket, "[", origin);
            case ']': Advance(); return new HoconToken(HoconTokenKind.RightBracket, "]", origin);
            case ',': Advance(); return new HoconToken(HoconTokenKind.Comma, ",", origin);
            case ':': Advance(); return new HoconToken(HoconTokenKind.Colon, ":", origin);
            case '=': Advance(); return new HoconToken(HoconTokenKind.Equals, "=", origin);
            case '+' when Peek(1) == '=':
                Advance();
                Advance();
                return new HoconToken(HoconTokenKind.PlusEquals, "+=", origin);
            case '"' when Peek(1) == '"' && Peek(2) == '"':
                return TripleQuoted(origin);
            case '"':
                return Quoted(origin);
            case '$' when Peek(1) == '{':
                return Substitution(origin);
        }

        if (ForbiddenInUnquoted.Contains(c, StringComparison.Ordinal))
        {
            throw new HoconException(
                origin,
                "a value, key or separator",
                $"reserved character '{c}' is not allowed here; expected a value, key or separator (put it inside a quoted string)");
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            var length = NumberLength();
            if (length > 0)
            {
                var number = text.Substring(_position, length);
                for (var i = 0; i < length; i++)
                {
                    Advance();
                }

                return new HoconToken(HoconTokenKind.Number, number, origin);
            }
        }

        foreach (var (keyword, kind) in Keywords)
        {
            if (string.CompareOrdinal(text, _position, keyword, 0, keyword.Length) == 0)
            {
                for (var i = 0; i < keyword.Length; i++)
                {
                    Advance();
                }

                return new HoconToken(kind, keyword, origin);
            }
        }

        return Unquoted(origin);
    }

    private static readonly (string Keyword, HoconTokenKind Kind)[] Keywords =
    [
        ("true", HoconTokenKind.Boolean),
        ("false", HoconTokenKind.Boolean),
        ("null", HoconTokenKind.Null),
    ];

    private HoconToken Unquoted(HoconOrigin origin)
    {
        var start = _position;
        while (!AtEnd)
        {
            var c = Peek();
            if (c == '\n' || IsWhitespace(c) || ForbiddenInUnquoted.Contains(c, StringComparison.Ordinal) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance();
        }

        return new HoconToken(HoconTokenKind.UnquotedText, text[start.._position], origin);
    }

    /// <summary>Length of the longest JSON number at the cursor: -?digits(.digits)?([eE][+-]?digits)?; 0 if none.</summary>
    private int NumberLength()
    {
        var i = _position;
        if (Peek() == '-')
        {
            i++;
        }

        var digitsStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == digitsStart)
        {
            return 0;
        }

        var end = i;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i += 2;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            end = i;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }

                end = j;
            }
        }

        return end - _position;
    }

    private HoconToken Quoted(HoconOrigin origin)
    {
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw new HoconException(Here, "'\"'", $"expected '\"' to close the string that starts at {origin.Line}:{origin.Column}, found end of input");
            }

            var c = Peek();
            if (c == '"')
            {
                Advance();
                return new HoconToken(HoconTokenKind.QuotedString, value.ToString(), origin);
            }

            if (c == '\n')
            {
                throw new HoconException(Here, "'\"'", $"expected '\"' to close the string that starts at {origin.Line}:{origin.Column}, found newline (use \\n or a \"\"\"triple-quoted\"\"\" string)");
            }

            if (char.IsControl(c))
            {
                throw new HoconException(Here, "a printable character or an escape", $"control character U+{(int)c:X4} is not allowed in a quoted string; expected an escape such as \\t or \\u0009");
            }

            if (c != '\\')
            {
                value.Append(Advance());
                continue;
            }

            var escapeOrigin = Here;
            Advance();
            var escaped = AtEnd ? '\0' : Advance();
            switch (escaped)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    var hex = _position + 4 <= text.Length ? text.Substring(_position, 4) : "";
                    if (hex.Length != 4 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new HoconException(escapeOrigin, "four hex digits after \\u", "expected four hex digits after \\u");
                    }

                    for (var i = 0; i < 4; i++)
                    {
                        Advance();
                    }

                    value.Append((char)code);
                    break;
                default:
                    throw new HoconException(
                        escapeOrigin,
                        "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                        $"unknown escape '\\{(escaped == '\0' ? "" : escaped.ToString())}'; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
        }
    }

    private HoconToken TripleQuoted(HoconOrigin origin)
    {
        Advance();
        Advance();
        Advance();
        var start = _position;
        while (true)
        {
            if (AtEnd)
            {
                throw new HoconException(Here, "'\"\"\"'", $"expected '\"\"\"' to close the string that starts at {origin.Line}:{origin.Column}, found end of input");
            }

            if (Peek() == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // Any run of three or more quotes ends the string; quotes before the last three belong to it.
                var runEnd = _position;
                while (runEnd < text.Length && text[runEnd] == '"')
                {
                    runEnd++;
                }

                var value = text[start..(runEnd - 3)];
                while (_position < runEnd)
                {
                    Advance();
                }

                return new HoconToken(HoconTokenKind.QuotedString, value, origin);
            }

            Advance();
        }
    }

    private HoconToken Substitution(HoconOrigin origin)
    {
        var startPosition = _position;
        Advance();
        Advance();
        var optional = false;
        if (Peek() == '?')
        {
            Advance();
            optional = true;
        }

        var pieces = new List<HoconPath.Piece>();
        while (true)
        {
            var token = Next();
            if (token is null)
            {
                continue;
            }

            switch (token.Kind)
            {
                case HoconTokenKind.RightBrace:
                    while (pieces.Count > 0 && !pieces[^1].Quoted && pieces[^1].Text.All(IsWhitespace))
                    {
                        pieces.RemoveAt(pieces.Count - 1);
                    }

                    if (pieces.Count == 0)
                    {
                        throw new HoconException(token.Origin, "a path such as ${a.b}", "empty substitution; expected a path such as ${a.b}");
                    }

                    var path = HoconPath.FromPieces(pieces);
                    var written = text[startPosition.._position];
                    return new HoconToken(HoconTokenKind.Substitution, written, origin, path, optional);
                case HoconTokenKind.QuotedString:
                    pieces.Add(new HoconPath.Piece(token.Text, true, token.Origin));
                    break;
                case HoconTokenKind.Whitespace when pieces.Count == 0:
                    break;
                case HoconTokenKind.UnquotedText or HoconTokenKind.Number or HoconTokenKind.Boolean or HoconTokenKind.Null or HoconTokenKind.Whitespace:
                    pieces.Add(new HoconPath.Piece(token.Text, false, token.Origin));
                    break;
                default:
                    throw new HoconException(token.Origin, "'}'", $"expected '}}' to close the substitution that starts at {origin.Line}:{origin.Column}, found {token.Describe()}");
            }
        }
    }
}
