using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

/// <summary>The examples of lightbend/config HOCON.md, one by one.</summary>
public class SpecExampleTests
{
    [Fact]
    public void Json_document_parses_with_the_same_data()
    {
        var config = Hocon.Parse("""{ "a": 1, "b": [true, false, null], "c": { "d": "e\u0041\n" }, "f": -1.5e3 }""");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(-1500.0, config.GetDouble("f"));
        Assert.Equal("eA\n", config.GetString("c.d"));
        Assert.Equal(["true", "false"], config.Entries().Where(e => e.Path.StartsWith("b.", StringComparison.Ordinal) && e.Value is not null).Select(e => e.Value));
        Assert.Null(config.Entries().Single(e => e.Path == "b.2").Value);
    }

    [Fact]
    public void Root_braces_are_optional_and_equals_and_brace_separators_work()
    {
        Assert.Equal(Hocon.Canonical("{ \"foo\" : {} }"), Hocon.Canonical("\"foo\" {}"));
        Assert.Equal(Hocon.Canonical("a : 1\nb : { c : 2 }"), Hocon.Canonical("a = 1\nb { c = 2 }"));
    }

    [Theory]
    [InlineData("a = [1,2,3,]")]
    [InlineData("a = [1\n2\n3]")]
    [InlineData("a = [1,\n2,\n3\n]")]
    public void Array_separator_forms_are_the_same_array(string text) =>
        Assert.Equal(Hocon.Canonical("a = [1,2,3]"), Hocon.Canonical(text));

    [Theory]
    [InlineData("a = [1,2,3,,]", 1, 12)]
    [InlineData("a = [,1,2,3]", 1, 6)]
    [InlineData("a = [1,,2,3]", 1, 8)]
    [InlineData("a = 1,,b = 2", 1, 7)]
    [InlineData("{ , a = 1 }", 1, 3)]
    public void Bad_commas_are_errors_with_their_position(string text, int line, int column)
    {
        var error = Hocon.Error(text);
        Assert.Equal((line, column), (error.Origin.Line, error.Origin.Column));
    }

    [Fact]
    public void Duplicate_objects_merge()
    {
        Assert.Equal(
            Hocon.Canonical("""{ "foo" : { "a" : 42, "b" : 43 } }"""),
            Hocon.Canonical("""{ "foo" : { "a" : 42 }, "foo" : { "b" : 43 } }"""));
    }

    [Fact]
    public void Intermediate_null_prevents_the_object_merge()
    {
        Assert.Equal(
            Hocon.Canonical("""{ "foo" : { "b" : 43 } }"""),
            Hocon.Canonical("""{ "foo" : { "a" : 42 }, "foo" : null, "foo" : { "b" : 43 } }"""));
    }

    [Fact]
    public void Later_non_object_replaces_an_object_and_the_reverse()
    {
        Assert.Equal(7, Hocon.Parse("a { x = 1 }\na = 7").GetInt("a"));
        Assert.False(Hocon.Parse("a = 7\na { x = 1 }").HasPath("a.y"));
        Assert.Equal(1, Hocon.Parse("a = 7\na { x = 1 }").GetInt("a.x"));
    }

    [Fact]
    public void Unquoted_strings_and_keyword_prefixes()
    {
        var config = Hocon.Parse("a = truefoo\nb = footrue\nc = 10.0bar\nd = bar10.0\ne = foo/bar.baz-1_x");
        Assert.Equal("truefoo", config.GetString("a"));
        Assert.Equal("footrue", config.GetString("b"));
        Assert.Equal("10.0bar", config.GetString("c"));
        Assert.Equal("bar10.0", config.GetString("d"));
        Assert.Equal("foo/bar.baz-1_x", config.GetString("e"));
    }

    [Fact]
    public void Double_slash_ends_an_unquoted_string_as_a_comment()
    {
        var config = Hocon.Parse("a = http//x\nb = 1 # note\nc = \"x // y # z\"");
        Assert.Equal("http", config.GetString("a"));
        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal("x // y # z", config.GetString("c"));
    }

    [Theory]
    [InlineData("a = x$y", '$')]
    [InlineData("a = x^y", '^')]
    [InlineData("a = x?y", '?')]
    [InlineData("a = x!y", '!')]
    [InlineData("a = x@y", '@')]
    [InlineData("a = x*y", '*')]
    [InlineData("a = x&y", '&')]
    [InlineData("a = x\\y", '\\')]
    [InlineData("a = x`y", '`')]
    [InlineData("a = x+y", '+')]
    public void Forbidden_characters_in_unquoted_strings_are_errors(string text, char forbidden)
    {
        var error = Hocon.Error(text);
        Assert.Equal(6, error.Origin.Column);
        Assert.Contains($"'{forbidden}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Triple_quoted_strings_keep_everything_and_extra_quotes()
    {
        var config = Hocon.Parse("a = \"\"\"line 1\n  \"quoted\" \\n ${x}\nend\"\"\"\nb = \"\"\"foo\"\"\"\"");
        Assert.Equal("line 1\n  \"quoted\" \\n ${x}\nend", config.GetString("a"));
        Assert.Equal("foo\"", config.GetString("b"));
    }

    [Fact]
    public void Quoted_string_escapes()
    {
        var config = Hocon.Parse("""a = "tab\there \"q\" back\\slash \/ \u00e9\u20AC \b\f\r" """);
        Assert.Equal("tab\there \"q\" back\\slash / \u00e9\u20ac \b\f\r", config.GetString("a"));
    }

    [Fact]
    public void String_value_concatenation_keeps_inner_whitespace_only()
    {
        var config = Hocon.Parse("a =   foo bar  baz   \nb = foo\"bar\"  1  true\nc = \"foo bar\"");
        Assert.Equal("foo bar  baz", config.GetString("a"));
        Assert.Equal("foobar  1  true", config.GetString("b"));
        Assert.Equal(config.GetString("c"), Hocon.Parse("c = foo bar").GetString("c"));
    }

    [Fact]
    public void A_single_value_keeps_its_type()
    {
        var config = Hocon.Parse("a = true\nb = 10\nc = true foo");
        Assert.True(config.GetBoolean("a"));
        Assert.Equal("true foo", config.GetString("c"));
        Assert.Contains("b = 10\n", config.Render(), StringComparison.Ordinal);
        Assert.Contains("c = \"true foo\"", config.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Object_concatenation_ways_define_the_same_object()
    {
        var expected = Hocon.Canonical("a : { b : 1, c : 2 }");
        Assert.Equal(expected, Hocon.Canonical("a : { b : 1 } { c : 2 }"));
        Assert.Equal(expected, Hocon.Canonical("a : { b : 1 }\na : { c : 2 }"));
    }

    [Fact]
    public void Array_concatenation_ways_define_the_same_array()
    {
        var expected = Hocon.Canonical("a : [ 1, 2, 3, 4 ]");
        Assert.Equal(expected, Hocon.Canonical("a : [ 1, 2 ] [ 3, 4 ]"));
        Assert.Equal(expected, Hocon.Canonical("a : [ 1, 2 ]\na : ${a} [ 3, 4 ]"));
    }

    [Fact]
    public void Inheritance_through_object_concatenation()
    {
        var config = Hocon.Parse("data-center-generic = { cluster-size = 6 }\ndata-center-east = ${data-center-generic} { name = \"east\" }");
        Assert.Equal(6, config.GetInt("data-center-east.cluster-size"));
        Assert.Equal("east", config.GetString("data-center-east.name"));
        Assert.False(config.HasPath("data-center-generic.name"));
    }

    [Fact]
    public void Adding_to_paths_through_array_concatenation()
    {
        var config = Hocon.Parse("path = [ /bin ]\npath = ${path} [ /usr/bin ]");
        Assert.Equal(["/bin", "/usr/bin"], config.GetStringList("path"));
    }

    [Fact]
    public void Arrays_without_commas_or_newlines_concatenate()
    {
        Assert.Equal(["1 2 3 4"], Hocon.Parse("a = [ 1 2 3 4 ]").GetStringList("a"));
        Assert.Equal(["1", "2", "3", "4"], Hocon.Parse("a = [ 1\n 2\n 3\n 4 ]").GetStringList("a"));
        Assert.Equal(Hocon.Canonical("a = [ [ 1, 2, 3, 4 ] ]"), Hocon.Canonical("a = [ [ 1, 2 ] [ 3, 4 ] ]"));
        Assert.Equal(Hocon.Canonical("a = [ [ 1, 2 ], [ 3, 4 ] ]"), Hocon.Canonical("a = [ [ 1, 2 ]\n [ 3, 4 ] ]"));
    }

    [Fact]
    public void Concatenation_with_substitutions_inside_arrays()
    {
        var config = Hocon.Parse("name = Bob\nworld = Earth\na = x\nb = y\nl1 = [ This is an unquoted string my name is ${name}, Hello ${world} ]\nl2 = [ ${a} ${b}, ${a}${b} ]");
        Assert.Equal(["This is an unquoted string my name is Bob", "Hello Earth"], config.GetStringList("l1"));
        Assert.Equal(["x y", "xy"], config.GetStringList("l2"));
    }

    [Fact]
    public void Mixing_objects_arrays_and_strings_in_a_concatenation_is_an_error()
    {
        Assert.Equal(5, Hocon.Error("a = [1] {b = 1}").Origin.Column);
        Assert.Equal(5, Hocon.Error("a = foo [1]").Origin.Column);
        Assert.Equal(5, Hocon.Error("x = [1]\na = str ${x}").Origin.Column);
    }

    [Fact]
    public void Path_expressions_in_keys()
    {
        Assert.Equal(Hocon.Canonical("foo { bar : 42 }"), Hocon.Canonical("foo.bar : 42"));
        Assert.Equal(Hocon.Canonical("foo { bar { baz : 42 } }"), Hocon.Canonical("foo.bar.baz : 42"));
        Assert.Equal(Hocon.Canonical("a { x : 42, y : 43 }"), Hocon.Canonical("a.x : 42, a.y : 43"));
        Assert.Equal(Hocon.Canonical("\"a b c\" : 42"), Hocon.Canonical("a b c : 42"));
        Assert.Equal(Hocon.Canonical("\"true\" : 42"), Hocon.Canonical("true : 42"));
        Assert.Equal(Hocon.Canonical("\"3\" : 42"), Hocon.Canonical("3 : 42"));
        Assert.Equal(Hocon.Canonical("\"3\" : { \"14\" : 42 }"), Hocon.Canonical("3.14 : 42"));
        Assert.Equal(Hocon.Canonical("\"10\" : { \"0foo\" : 1 }"), Hocon.Canonical("10.0foo : 1"));
        Assert.Equal(Hocon.Canonical("\"foo10\" : { \"0\" : 1 }"), Hocon.Canonical("foo10.0 : 1"));
        Assert.Equal(Hocon.Canonical("\"foo10.0\" : 1"), Hocon.Canonical("foo\"10.0\" : 1"));
        Assert.Equal(Hocon.Canonical("\"1\" { \"2\" { \"3\" : 1 } }"), Hocon.Canonical("1.2.3 : 1"));
        Assert.Equal(1, Hocon.Parse("foo.bar.\"hello.world\" = 1").GetInt("foo.bar.\"hello.world\""));
        Assert.Equal(1, Hocon.Parse("a.\"\".b = 1").GetInt("a.\"\".b"));
    }

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    [InlineData("x = ${a..b}")]
    public void Empty_path_elements_are_errors(string text) =>
        Assert.Contains("empty element", Hocon.Error(text).Message, StringComparison.Ordinal);

    [Fact]
    public void Include_is_only_special_at_the_start_of_a_key()
    {
        var config = Hocon.Parse("foo include : 42\nbar : include\nlist = [ include ]\n\"include\" : 43");
        Assert.Equal(42, config.GetInt("\"foo include\""));
        Assert.Equal("include", config.GetString("bar"));
        Assert.Equal(["include"], config.GetStringList("list"));
        Assert.Equal(43, config.GetInt("\"include\""));
        Assert.Contains("after include", Hocon.Error("include : 42").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_includes_unicode_separators_and_bom()
    {
        var config = Hocon.Parse("\uFEFFa\u00A0=\u2007 1\u202F\n\tb\u000B=\u000C2\r\n");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Root_array_and_unbalanced_braces_are_errors()
    {
        Assert.Contains("must be an object", Hocon.Error("[1, 2]").Message, StringComparison.Ordinal);
        Assert.Contains("unbalanced '}'", Hocon.Error("a = 1\n}").Message, StringComparison.Ordinal);
        Assert.Contains("expected '}'", Hocon.Error("{ a = 1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_booleans_and_null()
    {
        var config = Hocon.Parse("i = 42\nl = 9000000000\nd = 3.25\ne = 1e5\nn = -7\nt = true\nf = false\nz = null\ns = \"12\"\ny = yes");
        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(3.25, config.GetDouble("d"));
        Assert.Equal(100000.0, config.GetDouble("e"));
        Assert.Equal(-7, config.GetInt("n"));
        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
        Assert.False(config.HasPath("z"));
        Assert.Equal(12, config.GetInt("s"));
        Assert.True(config.GetBoolean("y"));
        Assert.Equal(5, config.GetInt("z", 5));
        Assert.Equal("1e5", config.GetString("e"));
    }

    [Fact]
    public void Durations_and_sizes()
    {
        var config = Hocon.Parse("a = 5s\nb = 500\nc = 2 minutes\nd = 1.5h\ne = 512KiB\nf = 10\ng = 1GB");
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetDuration("b"));
        Assert.Equal(TimeSpan.FromMinutes(2), config.GetDuration("c"));
        Assert.Equal(TimeSpan.FromMinutes(90), config.GetDuration("d"));
        Assert.Equal(512 * 1024, config.GetBytes("e"));
        Assert.Equal(10, config.GetBytes("f"));
        Assert.Equal(1_000_000_000, config.GetBytes("g"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetDuration("missing", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Numerically_indexed_object_reads_as_a_list()
    {
        var config = Hocon.Parse("foo.0 = \"a\"\nfoo.2 = \"c\"\nfoo.1 = \"b\"\nfoo.x = ignored\nbar { x = 1 }");
        Assert.Equal(["a", "b", "c"], config.GetStringList("foo"));
        Assert.Throws<HoconException>(() => config.GetStringList("bar"));
    }
}
