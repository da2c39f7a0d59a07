namespace RelayMesos.Hocon;

internal enum HoconTokenKind
{
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    Newline,
    Whitespace,
    QuotedString,
    UnquotedText,
    Number,
    Boolean,
    Null,
    Substitution,
    End,
}

/// <summary>
/// One token. <see cref="Text"/> is the unescaped value of a quoted string and the source text
/// of anything else; a substitution carries its parsed path.
/// </summary>
internal sealed record HoconToken(HoconTokenKind Kind, string Text, HoconOrigin Origin, IReadOnlyList<string>? Path = null, bool Optional = false)
{
    public bool IsSimpleValue => Kind is HoconTokenKind.QuotedString or HoconTokenKind.UnquotedText
        or HoconTokenKind.Number or HoconTokenKind.Boolean or HoconTokenKind.Null;

    /// <summary>How an error message names this token.</summary>
    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of input",
        HoconTokenKind.Newline => "newline",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.QuotedString => $"quoted string \"{Text}\"",
        HoconTokenKind.Substitution => "substitution",
        _ => $"'{Text}'",
    };
}
