using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

public class SubstitutionTests
{
    [Fact]
    public void Substitution_in_a_string_concatenation()
    {
        var config = Hocon.Parse("animal.favorite = dog\nkey : ${animal.favorite} is my favorite animal\nkey2 : ${animal.favorite}\" is my favorite animal\"");
        Assert.Equal("dog is my favorite animal", config.GetString("key"));
        Assert.Equal("dog is my favorite animal", config.GetString("key2"));
    }

    [Fact]
    public void Substitutions_look_forward_to_the_latest_value_and_keep_the_type()
    {
        var config = Hocon.Parse("a = ${b}\nb = 1\nb = 2\nc = ${o}\no { x = 1 }\no { y = true }");
        Assert.Equal(2, config.GetInt("a"));
        Assert.Contains("a = 2\n", config.Render(), StringComparison.Ordinal);
        Assert.Equal(1, config.GetInt("c.x"));
        Assert.True(config.GetBoolean("c.y"));
    }

    [Fact]
    public void Objects_may_refer_to_paths_within_themselves()
    {
        Assert.Equal(42, Hocon.Parse("bar : { foo : 42,\n baz : ${bar.foo}\n }").GetInt("bar.baz"));
        Assert.Equal(43, Hocon.Parse("bar : { foo : 42,\n baz : ${bar.foo}\n }\nbar : { foo : 43 }").GetInt("bar.baz"));
    }

    [Fact]
    public void Mutually_referring_objects_look_forward()
    {
        var config = Hocon.Parse("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4");
        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void Self_reference_appends_to_the_earlier_value()
    {
        Assert.Equal("a:b:c:d", Hocon.Parse("path : \"a:b:c\"\npath : ${path}\":d\"").GetString("path"));
        Assert.Equal("/usr/bin:/bin", Hocon.Parse("path = /usr/bin\npath = ${path}\":/bin\"").GetString("path"));
    }

    [Fact]
    public void Self_reference_with_nothing_earlier_is_an_error_and_optional_one_vanishes()
    {
        var error = Hocon.Error("foo : ${foo} // an error");
        Assert.Equal((1, 7), (error.Origin.Line, error.Origin.Column));
        Assert.False(Hocon.Parse("foo : ${?foo}").HasPath("foo"));
        var reversed = Hocon.Error("foo : ${foo}\nfoo : { a : 1 }");
        Assert.Equal((1, 7), (reversed.Origin.Line, reversed.Origin.Column));
    }

    [Fact]
    public void Self_reference_resolves_to_the_overridden_object()
    {
        var config = Hocon.Parse("foo : { a : 1 }\nfoo : ${foo}");
        Assert.Equal(1, config.GetInt("foo.a"));
    }

    [Fact]
    public void A_hidden_substitution_is_never_evaluated()
    {
        Assert.Equal(42, Hocon.Parse("foo : ${does-not-exist}\nfoo : 42").GetInt("foo"));
        Assert.Equal(42, Hocon.Parse("foo : ${foo}, foo : 42").GetInt("foo"));
    }

    [Fact]
    public void Self_reference_through_a_path_looks_below()
    {
        Assert.Equal(
            Hocon.Canonical("foo { a : 2, c : 1 }"),
            Hocon.Canonical("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }"));
    }

    [Fact]
    public void Optional_self_reference_in_a_concatenation_is_empty()
    {
        Assert.Equal("foo", Hocon.Parse("a = ${?a}foo").GetString("a"));
    }

    [Theory]
    [InlineData("bar : ${foo}\nfoo : ${bar}")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}")]
    [InlineData("a : { b : ${a} }")]
    [InlineData("a : [${a}]")]
    public void Cycles_are_errors(string text)
    {
        var error = Hocon.Error(text);
        Assert.Contains("depends on itself", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("<string>:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_step_cycle_message_names_the_chain()
    {
        var error = Hocon.Error("a : ${b}\nb : ${c}\nc : ${a}");
        Assert.Contains("${b}", error.Message, StringComparison.Ordinal);
        Assert.Contains("${c}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_dependent_cycle_gives_the_same_value_to_both_or_an_error()
    {
        try
        {
            var config = Hocon.Parse("a : 1\nb : 2\na : ${b}\nb : ${a}");
            Assert.Equal(config.GetInt("a"), config.GetInt("b"));
        }
        catch (HoconException)
        {
            // An error is allowed by the spec for this case.
        }
    }

    [Fact]
    public void Plus_equals_appends_and_may_be_the_first_mention()
    {
        Assert.Equal(["b"], Hocon.Parse("a += b").GetStringList("a"));
        Assert.Equal(["x", "y", "z"], Hocon.Parse("a = [x]\na += y\na += z").GetStringList("a"));
        Assert.Equal(["1", "2"], Hocon.Parse("x { a = [1] }\nx { a += 2 }").GetStringList("x.a"));
        Assert.Equal(["1", "2"], Hocon.Parse("x.a = [1]\nx.a += 2").GetStringList("x.a"));
        Assert.Contains("cannot concatenate", Hocon.Error("a = 1\na += 2").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_optional_field_is_not_created_and_keeps_the_previous_value()
    {
        var config = Hocon.Parse("foo : ${?bar}\nkept = 1\nkept = ${?nope}\nboth : ${?bar}${?baz}\nlist = [1, ${?x}, 2]\ns = ab${?x}cd\nobj = { a = 1 } ${?x}\narr = ${?x} [1]");
        Assert.False(config.HasPath("foo"));
        Assert.Equal(1, config.GetInt("kept"));
        Assert.False(config.HasPath("both"));
        Assert.Equal(["1", "2"], config.GetStringList("list"));
        Assert.Equal("abcd", config.GetString("s"));
        Assert.Equal(1, config.GetInt("obj.a"));
        Assert.Equal(["1"], config.GetStringList("arr"));
        Assert.Equal(7, Hocon.Parse("baz = 7\nboth : ${?bar}${?baz}").GetInt("both"));
    }

    [Fact]
    public void Undefined_required_substitution_names_the_path_and_position()
    {
        var error = Hocon.Error("a = 1\nb {\n  c = ${nope.x}\n}");
        Assert.Equal((3, 7), (error.Origin.Line, error.Origin.Column));
        Assert.Contains("nope.x", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope.x", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_fallback_only_for_paths_not_in_the_config()
    {
        var config = Hocon.Parse(
            "delay = 1s\ndelay = ${?RELAY_DELAY}\nhome = ${HOME}\nHOME = /config/home\nblocked = ${?NULLED}\nNULLED = null\nempty = ${?EMPTY}",
            ("RELAY_DELAY", "5s"),
            ("HOME", "/env/home"),
            ("NULLED", "from-env"),
            ("EMPTY", ""));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("delay"));
        Assert.Equal("env RELAY_DELAY", config.GetOrigin("delay").ToString());
        Assert.Equal("/config/home", config.GetString("home"));
        Assert.False(config.HasPath("blocked"));
        Assert.False(config.HasPath("empty"));
    }

    [Fact]
    public void Unset_environment_variable_leaves_the_default()
    {
        var config = Hocon.Parse("delay = 1s\ndelay = ${?RELAY_DELAY}");
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("delay"));
        Assert.Equal("<string>:1:9", config.GetOrigin("delay").ToString());
    }

    [Fact]
    public void Required_environment_substitution()
    {
        Assert.Equal("m:5050", Hocon.Parse("master = ${MASTER}", ("MASTER", "m:5050")).GetString("master"));
        Assert.Contains("MASTER", Hocon.Error("master = ${MASTER}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_config_getters_ask_for_resolve()
    {
        var config = HoconConfig.ParseString("a = ${b}\nb = 1");
        Assert.False(config.IsResolved);
        Assert.Contains("Resolve()", Assert.Throws<HoconException>(() => config.GetInt("a")).Message, StringComparison.Ordinal);
        Assert.Equal(1, config.GetInt("b"));
    }
}
