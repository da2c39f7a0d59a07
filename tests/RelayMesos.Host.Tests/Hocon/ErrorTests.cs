using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

public class ErrorTests
{
    [Theory]
    [InlineData("relay {\n    delay }", 2, 11, "expected '=', ':', '+=' or '{' after key 'delay', found '}'")]
    [InlineData("a = 1\nb = \"open", 2, 10, "expected '\"' to close the string that starts at 2:5, found end of input")]
    [InlineData("a = \"x\ny\"", 1, 7, "found newline")]
    [InlineData("a = \"bad \\q\"", 1, 10, "unknown escape '\\q'")]
    [InlineData("a = \"\\u12G4\"", 1, 6, "four hex digits")]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}' to close the object opened at 1:3, found end of input")]
    [InlineData("a = [1, 2", 1, 10, "expected ']' to close the array opened at 1:5")]
    [InlineData("a =\n", 2, 1, "expected a value for 'a', found end of input")]
    [InlineData("a = 1 : 2", 1, 7, "expected ',' or a newline after the value of 'a', found ':'")]
    [InlineData("a = ${b", 1, 8, "expected '}' to close the substitution")]
    [InlineData("a = ${}", 1, 7, "empty substitution")]
    [InlineData("a = \"\"\"never closed", 1, 20, "'\"\"\"'")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "expected end of input after the closing '}'")]
    [InlineData("a\nb = 1", 1, 2, "expected '=', ':', '+=' or '{' after key 'a', found newline")]
    public void Syntax_errors_carry_position_and_what_was_expected(string text, int line, int column, string message)
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.ParseString(text, "config/app.hocon"));
        Assert.Equal(("config/app.hocon", line, column), (error.Origin.Source, error.Origin.Line, error.Origin.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"config/app.hocon:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Expected));
    }

    [Fact]
    public void Error_message_has_the_documented_shape()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.ParseString("relay {\n  a = 1\n  b = 2\n  relay.delay }", "config/app.hocon"));
        Assert.Equal("config/app.hocon:4:15: expected '=', ':', '+=' or '{' after key 'relay.delay', found '}'", error.Message);
        Assert.Equal("'=', ':', '+=' or '{'", error.Expected);
    }

    [Fact]
    public void Bad_duration_at_a_getter_names_the_key_and_its_origin()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("app.hocon", "relay {\n  delay = 5 parsecs\n}\n");
        var config = HoconConfig.ParseFile(file).Resolve(new Dictionary<string, string?>());
        var error = Assert.Throws<HoconException>(() => config.GetDuration("relay.delay"));
        Assert.Equal($"{file}:2:11: 'relay.delay' is '5 parsecs'; expected a duration such as 500ms, 5s, 2m or 1h", error.Message);
        Assert.Throws<HoconException>(() => config.GetDuration("relay.delay", TimeSpan.Zero));
    }

    [Fact]
    public void Wrong_types_and_missing_keys_are_typed_errors()
    {
        var config = Hocon.Parse("a { b = 1 }\nl = [1, 2]\ns = text\nn = null");
        Assert.Contains("'a' is an object", Assert.Throws<HoconException>(() => config.GetString("a")).Message, StringComparison.Ordinal);
        Assert.Contains("'l' is a list", Assert.Throws<HoconException>(() => config.GetInt("l")).Message, StringComparison.Ordinal);
        Assert.Contains("expected a whole number", Assert.Throws<HoconException>(() => config.GetInt("s")).Message, StringComparison.Ordinal);
        Assert.Contains("'n' is null", Assert.Throws<HoconException>(() => config.GetString("n")).Message, StringComparison.Ordinal);
        var missing = Assert.Throws<HoconException>(() => config.GetInt("a.c"));
        Assert.Contains("no value at 'a.c'", missing.Message, StringComparison.Ordinal);
        Assert.Equal(1, missing.Origin.Line);
        Assert.Contains("'s' is a single value", Assert.Throws<HoconException>(() => config.GetConfig("s")).Message, StringComparison.Ordinal);
        Assert.Throws<HoconException>(() => config.GetBoolean("s"));
        Assert.Throws<HoconException>(() => config.GetBytes("s"));
    }

    [Fact]
    public void Missing_file_is_a_hocon_error_naming_it()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.ParseFile("/nonexistent/relay.hocon"));
        Assert.StartsWith("/nonexistent/relay.hocon:1:1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_path_in_a_getter_is_a_hocon_error()
    {
        var config = Hocon.Parse("a = 1");
        Assert.Throws<HoconException>(() => config.HasPath("a..b"));
        Assert.Throws<HoconException>(() => config.HasPath("a = b"));
    }

    [Fact]
    public void Hostile_nesting_and_substitution_chains_are_errors_not_crashes()
    {
        var deep = new string('[', 100_000);
        Assert.Contains("nested more than", Assert.Throws<HoconException>(() => HoconConfig.ParseString("a = " + deep)).Message, StringComparison.Ordinal);
        var chain = string.Concat(Enumerable.Range(1, 5000).Reverse().Select(i => $"c{i} = ${{c{i - 1}}}\n")) + "c0 = end";
        Assert.Contains("chain of more than", Hocon.Error(chain).Message, StringComparison.Ordinal);
    }
}
