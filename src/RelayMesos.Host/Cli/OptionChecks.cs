using System.CommandLine;
using System.Globalization;

namespace RelayMesos.Host.Cli;

/// <summary>Range checks on numeric options, so a bad number is a usage error (exit 2, one line) before any work starts.</summary>
public static class OptionChecks
{
    public static Option<int?> Within(this Option<int?> option, int min, int max, string expected)
    {
        option.Validators.Add(result =>
        {
            // Only the range: a token that is not a number at all is already the parser's error.
            if (result.Tokens is [{ Value: var text }]
                && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && (value < min || value > max))
            {
                result.AddError($"{option.Name} {value.ToString(CultureInfo.InvariantCulture)}: expected {expected}.");
            }
        });
        return option;
    }

    public static Option<double?> Positive(this Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }]
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && !(value > 0 && double.IsFinite(value)))
            {
                result.AddError($"{option.Name} {value.ToString(CultureInfo.InvariantCulture)}: expected a number above 0.");
            }
        });
        return option;
    }
}
