using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace RelayMesos.Hocon;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved tree. Includes are read here, so
/// the tree of one document already holds every included field.
/// </summary>
internal sealed partial class HoconParser
{
    private readonly List<HoconToken> _tokens;
    // Null: includes are refused (text that came from elsewhere, whose files this process has not got).
    private readonly string? _baseDirectory;
    private readonly IReadOnlyList<string> _includePrefix;
    private readonly ImmutableHashSet<string> _includeChain;
    private readonly List<string> _objectPath = [];
    private int _index;
    private int _depth;

    // Nesting is parsed recursively; a bound keeps hostile input from overflowing the stack,
    // which no caller could catch.
    private const int MaxDepth = 400;

    private HoconParser(string text, string source, string? baseDirectory, IReadOnlyList<string> includePrefix, ImmutableHashSet<string> includeChain)
    {
        _tokens = new HoconTokenizer(text, source).Tokenize();
        _baseDirectory = baseDirectory;
        _includePrefix = includePrefix;
        _includeChain = includeChain;
    }

    /// <param name="baseDirectory">Where relative includes are looked up; null refuses every include.</param>
    /// <param name="ownPath">The file being parsed, if any, so that it cannot include itself.</param>
    public static HoconObject ParseDocument(string text, string source, string? baseDirectory, string? ownPath) =>
        ParseDocument(
            text,
            source,
            baseDirectory,
            [],
            ownPath is null ? ImmutableHashSet<string>.Empty : ImmutableHashSet.Create(Path.GetFullPath(ownPath)));

    private static HoconObject ParseDocument(string text, string source, string? baseDirectory, IReadOnlyList<string> includePrefix, ImmutableHashSet<string> includeChain) =>
        new HoconParser(text, source, baseDirectory, includePrefix, includeChain).Document();

    private Nesting Nest(HoconOrigin origin)
    {
        if (++_depth > MaxDepth)
        {
            throw new HoconException(origin, $"at most {MaxDepth} nested objects and arrays", $"objects and arrays are nested more than {MaxDepth} deep; expected at most {MaxDepth}");
        }

        return new Nesting(this);
    }

    private readonly struct Nesting(HoconParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }

    private HoconToken Peek() => _tokens[_index];

    private HoconToken Take() => _tokens[_index++];

    private void SkipWhitespace()
    {
        while (Peek().Kind == HoconTokenKind.Whitespace)
        {
            _index++;
        }
    }

    private void SkipBlank()
    {
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            _index++;
        }
    }

    /// <summary>
    /// Objects and arrays separate their elements the same way: a comma (never two in a row), a newline,
    /// or the closing bracket.
    /// </summary>
    private void SkipElementSeparator(HoconTokenKind closer, string nextExpected, string separatorExpected, string context)
    {
        SkipWhitespace();
        var separator = Peek();
        if (separator.Kind == HoconTokenKind.Comma)
        {
            Take();
            SkipBlank();
            if (Peek().Kind == HoconTokenKind.Comma)
            {
                throw Unexpected(Peek(), nextExpected, " (two commas in a row)");
            }
        }
        else if (separator.Kind != HoconTokenKind.Newline && separator.Kind != closer && separator.Kind != HoconTokenKind.End)
        {
            throw Unexpected(separator, separatorExpected, context);
        }
    }

    private static HoconException Unexpected(HoconToken token, string expected, string? context = null) =>
        new(token.Origin, expected, $"expected {expected}{context}, found {token.Describe()}");

    private HoconObject Document()
    {
        SkipBlank();
        var first = Peek();
        HoconObject root;
        if (first.Kind == HoconTokenKind.LeftBrace)
        {
            Take();
            root = ObjectBody(first.Origin, braced: true);
            SkipBlank();
            if (Peek().Kind != HoconTokenKind.End)
            {
                throw Unexpected(Peek(), "end of input", " after the closing '}' of the root object");
            }
        }
        else if (first.Kind == HoconTokenKind.LeftBracket)
        {
            throw new HoconException(first.Origin, "an object", "a configuration must be an object, found an array at the root; expected an object");
        }
        else
        {
            root = ObjectBody(first.Origin, braced: false);
        }

        return root;
    }

    private HoconObject ObjectBody(HoconOrigin origin, bool braced)
    {
        using var nesting = Nest(origin);
        var result = new HoconObject(origin);
        while (true)
        {
            SkipBlank();
            var token = Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.RightBrace when braced:
                    Take();
                    return result;
                case HoconTokenKind.RightBrace:
                    throw new HoconException(token.Origin, "a key or end of input", "unbalanced '}': the document has no opening '{'; expected a key or end of input");
                case HoconTokenKind.End when braced:
                    throw Unexpected(token, "'}'", $" to close the object opened at {origin.Line}:{origin.Column}");
                case HoconTokenKind.End:
                    return result;
            }

            string fieldName;
            if (token is { Kind: HoconTokenKind.UnquotedText, Text: "include" })
            {
                Include(result);
                fieldName = "include";
            }
            else
            {
                fieldName = Field(result);
            }

            SkipElementSeparator(HoconTokenKind.RightBrace, "a key or '}'", "',' or a newline", $" after the value of '{fieldName}'");
        }
    }

    /// <summary>Parses one field into <paramref name="target"/>; returns the key as written, for messages.</summary>
    private string Field(HoconObject target)
    {
        var keyOrigin = Peek().Origin;
        var path = Key(out var keyText);
        SkipWhitespace();
        var separator = Peek();
        _objectPath.AddRange(path);
        HoconNode value;
        switch (separator.Kind)
        {
            case HoconTokenKind.LeftBrace:
                Take();
                value = ObjectBody(separator.Origin, braced: true);
                break;
            case HoconTokenKind.Colon or HoconTokenKind.Equals:
                Take();
                SkipBlank();
                value = Value($"'{keyText}'");
                break;
            case HoconTokenKind.PlusEquals:
                Take();
                SkipBlank();
                var absolute = _includePrefix.Concat(_objectPath).ToList();
                var element = Value($"'{keyText}'");
                value = new HoconConcatenation(
                    separator.Origin,
                    [new HoconSubstitution(separator.Origin, absolute, optional: true, null), new HoconArray(element.Origin, [element])]);
                break;
            default:
                throw Unexpected(separator, "'=', ':', '+=' or '{'", $" after key '{keyText}'");
        }

        _objectPath.RemoveRange(_objectPath.Count - path.Count, path.Count);
        for (var i = path.Count - 1; i > 0; i--)
        {
            var wrapper = new HoconObject(keyOrigin);
            wrapper.Fields[path[i]] = value;
            value = wrapper;
        }

        HoconMerge.MergeFieldInPlace(target, path[0], value);
        return keyText;
    }

    private IReadOnlyList<string> Key(out string keyText)
    {
        var pieces = new List<HoconPath.Piece>();
        var written = new StringBuilder();
        while (true)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.QuotedString:
                    pieces.Add(new HoconPath.Piece(token.Text, true, token.Origin));
                    written.Append(HoconQuoting.Quote(token.Text));
                    Take();
                    continue;
                case HoconTokenKind.UnquotedText or HoconTokenKind.Number or HoconTokenKind.Boolean or HoconTokenKind.Null:
                case HoconTokenKind.Whitespace when pieces.Count > 0:
                    pieces.Add(new HoconPath.Piece(token.Text, false, token.Origin));
                    written.Append(token.Text);
                    Take();
                    continue;
                case HoconTokenKind.Colon or HoconTokenKind.Equals or HoconTokenKind.PlusEquals or HoconTokenKind.LeftBrace when pieces.Count > 0:
                    break;
                default:
                    throw pieces.Count == 0
                        ? Unexpected(token, "a key")
                        : Unexpected(token, "'=', ':', '+=' or '{'", $" after key '{written.ToString().TrimEnd()}'");
            }

            break;
        }

        while (pieces[^1] is { Quoted: false } last && last.Text.All(HoconTokenizer.IsWhitespace))
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        keyText = written.ToString().TrimEnd();
        return HoconPath.FromPieces(pieces);
    }

    private HoconNode Value(string owner)
    {
        SkipWhitespace();
        var parts = new List<HoconNode>();
        HoconToken? pendingWhitespace = null;
        while (true)
        {
            var token = Peek();
            HoconNode part;
            switch (token.Kind)
            {
                case HoconTokenKind.Whitespace:
                    Take();
                    pendingWhitespace = parts.Count > 0 ? token : null;
                    continue;
                case HoconTokenKind.QuotedString or HoconTokenKind.UnquotedText:
                    Take();
                    part = new HoconScalar(token.Origin, HoconScalarKind.String, token.Text);
                    break;
                case HoconTokenKind.Number:
                    Take();
                    part = new HoconScalar(token.Origin, HoconScalarKind.Number, token.Text);
                    break;
                case HoconTokenKind.Boolean:
                    Take();
                    part = new HoconScalar(token.Origin, HoconScalarKind.Boolean, token.Text);
                    break;
                case HoconTokenKind.Null:
                    Take();
                    part = new HoconScalar(token.Origin, HoconScalarKind.Null, token.Text);
                    break;
                case HoconTokenKind.Substitution:
                    Take();
                    part = _includePrefix.Count == 0
                        ? new HoconSubstitution(token.Origin, token.Path!, token.Optional, null)
                        : new HoconSubstitution(token.Origin, _includePrefix.Concat(token.Path!).ToList(), token.Optional, token.Path);
                    break;
                case HoconTokenKind.LeftBrace:
                    Take();
                    part = ObjectBody(token.Origin, braced: true);
                    break;
                case HoconTokenKind.LeftBracket:
                    Take();
                    part = Array(token.Origin);
                    break;
                default:
                    if (parts.Count == 0)
                    {
                        throw Unexpected(token, "a value", $" for {owner}");
                    }

                    return Concatenate(parts);
            }

            if (pendingWhitespace is not null)
            {
                parts.Add(new HoconWhitespace(pendingWhitespace.Origin, pendingWhitespace.Text));
                pendingWhitespace = null;
            }

            parts.Add(part);
        }
    }

    /// <summary>Value concatenation done now where no substitution is involved; otherwise left for resolution.</summary>
    private static HoconNode Concatenate(List<HoconNode> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var solid = parts.Where(p => p is not HoconWhitespace and not HoconSubstitution).ToList();
        var objects = solid.Count(p => p is HoconObject);
        var arrays = solid.Count(p => p is HoconArray);
        var scalars = solid.Count - objects - arrays;
        if ((objects > 0 ? 1 : 0) + (arrays > 0 ? 1 : 0) + (scalars > 0 ? 1 : 0) > 1)
        {
            var odd = objects > 0 && arrays > 0
                ? solid.First(p => p is HoconArray)
                : solid.First(p => p is HoconScalar);
            throw new HoconException(
                odd.Origin,
                "values of one kind on one line (strings, arrays or objects)",
                $"cannot concatenate {(odd is HoconArray ? "an array with an object" : "a string with an object or array")}; expected values of one kind on one line (put a newline or a comma between separate values)");
        }

        if (parts.Any(p => p is HoconSubstitution))
        {
            return new HoconConcatenation(parts[0].Origin, parts);
        }

        if (objects > 0)
        {
            var merged = (HoconObject)solid[0];
            foreach (var next in solid.Skip(1).Cast<HoconObject>())
            {
                foreach (var (key, value) in next.Fields)
                {
                    HoconMerge.MergeFieldInPlace(merged, key, value);
                }
            }

            return merged;
        }

        if (arrays > 0)
        {
            return new HoconArray(solid[0].Origin, solid.Cast<HoconArray>().SelectMany(a => a.Items).ToList());
        }

        var text = string.Concat(parts.Select(p => p is HoconWhitespace w ? w.Text : ((HoconScalar)p).Text));
        return new HoconScalar(parts[0].Origin, HoconScalarKind.String, text);
    }

    private HoconArray Array(HoconOrigin origin)
    {
        using var nesting = Nest(origin);
        var items = new List<HoconNode>();
        while (true)
        {
            SkipBlank();
            var token = Peek();
            switch (token.Kind)
            {
                case HoconTokenKind.RightBracket:
                    Take();
                    return new HoconArray(origin, items);
                case HoconTokenKind.End:
                    throw Unexpected(token, "']'", $" to close the array opened at {origin.Line}:{origin.Column}");
                case HoconTokenKind.Comma:
                    throw Unexpected(token, "a value or ']'");
            }

            items.Add(Value("an array element"));
            SkipElementSeparator(HoconTokenKind.RightBracket, "a value or ']'", "',', a newline or ']'", " after an array element");
        }
    }

    [GeneratedRegex(@"^((required|file|url|classpath)\()+$")]
    private static partial Regex IncludeWrappers();

    private void Include(HoconObject target)
    {
        var includeToken = Take();
        SkipBlank();
        var token = Peek();
        var wrappers = new List<string>();
        while (token.Kind == HoconTokenKind.UnquotedText && IncludeWrappers().IsMatch(token.Text))
        {
            wrappers.AddRange(token.Text.Split('(', StringSplitOptions.RemoveEmptyEntries));
            Take();
            SkipWhitespace();
            token = Peek();
        }

        if (token.Kind != HoconTokenKind.QuotedString)
        {
            throw Unexpected(token, "a quoted file name, file(\"...\") or required(\"...\")", " after include");
        }

        var name = Take().Text;
        var closing = 0;
        while (closing < wrappers.Count)
        {
            SkipWhitespace();
            var close = Peek();
            if (close.Kind != HoconTokenKind.UnquotedText || close.Text.Length > wrappers.Count - closing || close.Text.Any(c => c != ')'))
            {
                throw Unexpected(close, $"{wrappers.Count - closing} closing ')'", $" after include {string.Join("(", wrappers)}(\"{name}\"");
            }

            closing += Take().Text.Length;
        }

        var required = wrappers.Remove("required");
        if (wrappers.Count > 1 || wrappers.Any(w => w is "url" or "classpath" or "required"))
        {
            throw new HoconException(
                includeToken.Origin,
                "include \"file\", include file(\"file\") or include required(file(\"file\"))",
                $"unsupported include form '{string.Join("(", wrappers)}(...)'; expected include \"file\", include file(\"file\") or include required(\"file\") (url() and classpath() are not supported)");
        }

        if (_baseDirectory is null)
        {
            throw new HoconException(
                includeToken.Origin, "keys, not an include", $"include \"{name}\" is not read here; expected the keys themselves (this text is read where the included file is not)");
        }

        var path = Path.IsPathRooted(name) ? name : Path.Combine(_baseDirectory, name);
        var candidates = File.Exists(path)
            ? [path]
            : Path.GetExtension(name).Length == 0
                ? new[] { ".json", ".conf", ".hocon" }.Select(e => path + e).Where(File.Exists).ToList()
                : [];
        if (candidates.Count == 0)
        {
            if (required)
            {
                throw new HoconException(includeToken.Origin, "an existing file", $"included file '{path}' does not exist; expected an existing file (the include is required)");
            }

            return;
        }

        foreach (var candidate in candidates)
        {
            var full = Path.GetFullPath(candidate);
            if (_includeChain.Contains(full))
            {
                throw new HoconException(includeToken.Origin, "an include that does not loop", $"'{candidate}' includes itself (directly or through other files); expected an include that does not loop");
            }

            string text;
            try
            {
                text = File.ReadAllText(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new HoconException(includeToken.Origin, "a readable file", $"cannot read included file '{candidate}': {e.Message}");
            }

            var included = ParseDocument(
                text,
                candidate,
                Path.GetDirectoryName(full) ?? _baseDirectory,
                _includePrefix.Concat(_objectPath).ToList(),
                _includeChain.Add(full));
            foreach (var (key, value) in included.Fields)
            {
                HoconMerge.MergeFieldInPlace(target, key, value);
            }
        }
    }
}
