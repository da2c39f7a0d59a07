using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

public class IncludeTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void Include_is_relative_to_the_including_file_not_the_working_directory()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/sub/inner.conf", "inner = 2");
        dir.Write("conf/shared.conf", "shared = 1\ninclude \"sub/inner.conf\"");
        var main = dir.Write("conf/main.hocon", "include \"shared.conf\"\nown = 3");
        var config = HoconConfig.ParseFile(main).Resolve(NoEnvironment);
        Assert.Equal(1, config.GetInt("shared"));
        Assert.Equal(2, config.GetInt("inner"));
        Assert.Equal(3, config.GetInt("own"));
        Assert.EndsWith(Path.Combine("sub", "inner.conf"), config.GetOrigin("inner").Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_file_and_required_forms()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "a = 1");
        var main = dir.Write("main.conf", "include file(\"a.conf\")\ninclude required( file( \"a.conf\" ) )\ninclude \"missing.conf\"\ninclude file(\"missing.conf\")\nb = 2");
        var config = HoconConfig.ParseFile(main).Resolve(NoEnvironment);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Missing_required_include_is_an_error_at_the_include()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\n  include required(\"missing.conf\")");
        var error = Assert.Throws<HoconException>(() => HoconConfig.ParseFile(main));
        Assert.Equal((main, 2, 3), (error.Origin.Source, error.Origin.Line, error.Origin.Column));
        Assert.Contains("missing.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_without_extension_loads_every_known_extension()
    {
        using var dir = new TempDirectory();
        dir.Write("base.json", "{ \"a\": 1, \"b\": 1 }");
        dir.Write("base.conf", "b = 2");
        var main = dir.Write("main.conf", "include \"base\"");
        var config = HoconConfig.ParseFile(main).Resolve(NoEnvironment);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Included_keys_merge_like_duplicate_keys_in_file_order()
    {
        using var dir = new TempDirectory();
        dir.Write("inc.conf", "x = included\no { a = 1 }");
        var main = dir.Write("main.conf", "x = before\no { b = 2 }\ninclude \"inc.conf\"\ny = after\no { c = 3 }");
        var config = HoconConfig.ParseFile(main).Resolve(NoEnvironment);
        Assert.Equal("included", config.GetString("x"));
        Assert.Equal(Hocon.Canonical("a = 1, b = 2, c = 3"), config.GetConfig("o").Render());
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_fixed_up_to_the_include_point()
    {
        using var dir = new TempDirectory();
        dir.Write("foo.conf", "{ x : 10, y : ${x} }");
        var plain = dir.Write("plain.conf", "{ a : { include \"foo.conf\" } }");
        Assert.Equal(10, HoconConfig.ParseFile(plain).Resolve(NoEnvironment).GetInt("a.y"));

        var redefined = dir.Write("redefined.conf", "{\n a : { include \"foo.conf\" }\n a : { x : 42 }\n}");
        Assert.Equal(42, HoconConfig.ParseFile(redefined).Resolve(NoEnvironment).GetInt("a.y"));
    }

    [Fact]
    public void Included_file_may_refer_to_the_root_of_the_including_config()
    {
        using var dir = new TempDirectory();
        dir.Write("child.conf", "port = ${base-port}");
        var main = dir.Write("main.conf", "base-port = 8080\nserver { include \"child.conf\" }");
        Assert.Equal(8080, HoconConfig.ParseFile(main).Resolve(NoEnvironment).GetInt("server.port"));
    }

    [Fact]
    public void Plus_equals_in_an_included_file_appends_at_the_include_point()
    {
        using var dir = new TempDirectory();
        dir.Write("more.conf", "hosts += b");
        var main = dir.Write("main.conf", "cluster { hosts = [a]\n include \"more.conf\" }");
        Assert.Equal(["a", "b"], HoconConfig.ParseFile(main).Resolve(NoEnvironment).GetStringList("cluster.hosts"));
    }

    [Fact]
    public void Include_loops_and_array_roots_are_errors()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "include \"a.conf\"");
        dir.Write("list.conf", "[1, 2]");
        Assert.Contains("includes itself", Assert.Throws<HoconException>(() => HoconConfig.ParseFile(Path.Combine(dir.Path, "a.conf"))).Message, StringComparison.Ordinal);
        var withList = dir.Write("main.conf", "include \"list.conf\"");
        var error = Assert.Throws<HoconException>(() => HoconConfig.ParseFile(withList));
        Assert.Contains("list.conf:1:1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("include url(\"http://example.invalid/x.conf\")")]
    [InlineData("include classpath(\"x.conf\")")]
    [InlineData("include foo")]
    [InlineData("include file(\"x.conf\"")]
    public void Unsupported_or_malformed_includes_are_errors(string text) =>
        Assert.Throws<HoconException>(() => HoconConfig.ParseString(text));
}
