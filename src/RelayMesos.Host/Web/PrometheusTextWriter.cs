using System.Globalization;
using System.Text;

namespace RelayMesos.Host.Web;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): a HELP and a TYPE line per family, then its
/// samples. Names are the caller's; label values are escaped here.
/// </summary>
public sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusTextWriter Counter(string name, string help, double value) => Family(name, help, "counter").Sample(name, value);

    public PrometheusTextWriter Gauge(string name, string help, double? value) =>
        value is { } v ? Family(name, help, "gauge").Sample(name, v) : this;

    public PrometheusTextWriter Gauge(string name, string help, IEnumerable<(string Label, string Value, double Sample)> samples)
    {
        Family(name, help, "gauge");
        foreach (var (label, labelValue, sample) in samples)
        {
            Sample($"{name}{{{label}=\"{Escape(labelValue)}\"}}", sample);
        }

        return this;
    }

    public PrometheusTextWriter Histogram(string name, string help, IReadOnlyList<double> upperBounds, IReadOnlyList<long> cumulative, long count, double sum)
    {
        Family(name, help, "histogram");
        for (var i = 0; i < upperBounds.Count; i++)
        {
            Sample($"{name}_bucket{{le=\"{Format(upperBounds[i])}\"}}", cumulative[i]);
        }

        Sample($"{name}_bucket{{le=\"+Inf\"}}", count);
        Sample($"{name}_sum", sum);
        return Sample($"{name}_count", count);
    }

    public override string ToString() => _text.ToString();

    private PrometheusTextWriter Family(string name, string help, string type)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    private PrometheusTextWriter Sample(string series, double value)
    {
        _text.Append(series).Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
