using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Tests.Hocon;

public class PropertyTests
{
    private static readonly Gen<string> Text =
        Gen.Elements("a", "b", "Z", "0", "9", ".", " ", "-", "_", "\"", "\\", "$", "{", "}", "[", "]", ":", "=", ",", "#", "/", "\n", "\t", "\u0001", "é", "€", "include", "true", "null", "${x}", "//")
            .ListOf()
            .Select(parts => string.Concat(parts.Take(6)));

    // Mostly a few short keys, so that merged trees overlap and objects meet objects.
    private static readonly Gen<string> Keys = Gen.Frequency((1, Text), (2, Gen.Elements("a", "b", "c")));

    private static Gen<object?> Tree(int size)
    {
        var leaf = Gen.OneOf(
            Text.Select(s => (object?)s),
            Gen.Choose(-1000, 1000).Select(i => (object?)(long)i),
            Gen.Elements<object?>(true, false, null));
        if (size <= 0)
        {
            return leaf;
        }

        var child = Gen.Sized(_ => Tree(size / 3));
        var obj = Gen.Zip(Keys, child).ListOf().Select(fields =>
        {
            var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in fields.Take(5))
            {
                dict[key] = value;
            }

            return (object?)dict;
        });
        var list = child.ListOf().Select(items => (object?)items.Take(4).ToList());
        return Gen.Frequency((2, leaf), (2, obj), (1, list));
    }

    private static readonly Gen<Dictionary<string, object?>> Roots =
        Gen.Sized(size => Tree(Math.Min(size, 30))).Where(t => t is Dictionary<string, object?>).Select(t => (Dictionary<string, object?>)t!);

    private static string Json(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => JsonString(s),
        Dictionary<string, object?> d => "{" + string.Join(",", d.Select(kv => JsonString(kv.Key) + ":" + Json(kv.Value))) + "}",
        List<object?> l => "[" + string.Join(",", l.Select(Json)) + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static string JsonString(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static IEnumerable<(string[] Keys, string? Value)> Leaves(object? value, string[] keys) => value switch
    {
        Dictionary<string, object?> d => d.SelectMany(kv => Leaves(kv.Value, [.. keys, kv.Key])),
        List<object?> l => l.SelectMany((item, i) => Leaves(item, [.. keys, i.ToString(CultureInfo.InvariantCulture)])),
        null => [(keys, null)],
        bool b => [(keys, b ? "true" : "false")],
        long n => [(keys, n.ToString(CultureInfo.InvariantCulture))],
        string s => [(keys, s)],
        _ => [],
    };

    [Fact]
    public void Json_parses_to_its_own_leaves_and_render_parses_back_to_the_same_tree()
    {
        var property = Prop.ForAll(Arb.From(Roots), root =>
        {
            var parsed = Hocon.Parse(Json(root));
            var expected = Leaves(root, [])
                .Select(l => (string.Join('\u0001', l.Keys), l.Value))
                .OrderBy(l => l.Item1, StringComparer.Ordinal);
            var actual = parsed.Entries()
                .Select(e => (string.Join('\u0001', e.Keys), e.Value))
                .OrderBy(l => l.Item1, StringComparer.Ordinal);
            var rendered = parsed.Render();
            return expected.SequenceEqual(actual) && Hocon.Parse(rendered).Render() == rendered;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Fallback_merge_equals_duplicate_keys_in_one_file()
    {
        static string Fields(Dictionary<string, object?> root) => Json(root)[1..^1];
        var property = Prop.ForAll(Arb.From(Roots), Arb.From(Roots), (preferred, fallback) =>
        {
            var layered = Hocon.Parse(Fields(preferred)).WithFallback(Hocon.Parse(Fields(fallback)));
            return layered.Render() == Hocon.Parse(Fields(fallback) + "\n" + Fields(preferred)).Render();
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Garbage_only_ever_raises_hocon_exceptions()
    {
        var garbage = Gen.Elements("{", "}", "[", "]", ":", "=", "+=", ",", "\"", "\"\"\"", "${", "${?", "a", "b.c", ".", "1", "-", "1e", "true", " ", "\n", "#", "//", "\\", "u", "$", "?", "x = ", "a = ${a}", "include ", "file(", ")", "required(")
            .ListOf()
            .Select(parts => string.Concat(parts.Take(40)));
        var property = Prop.ForAll(Arb.From(garbage), text =>
        {
            try
            {
                var config = HoconConfig.ParseString(text, "<garbage>", baseDirectory: Path.GetTempPath());
                _ = config.Render();
                _ = config.Resolve(new Dictionary<string, string?>()).Entries();
            }
            catch (HoconException e)
            {
                return e.Origin.Line >= 1 && e.Message.Length > 0;
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Durations_in_the_config_match_the_duration_parser()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, 100000)), Arb.From(Gen.Elements("ms", "s", "m", "h", "d", "seconds", "")), (amount, unit) =>
        {
            var config = Hocon.Parse($"d = {amount}{unit}\nq = \"{amount} {unit}\"");
            return config.GetDuration("d") == HoconDuration.Parse($"{amount}{unit}") && config.GetDuration("q") == config.GetDuration("d");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
