using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelayMesos.LocalCluster.Http;

/// <summary>
/// Writes a double as Mesos' JSON does: a whole number keeps its ".0" (4.0, not 4), so clients that tell integers
/// from floats (Python's json, for one) see the same types from the embedded cluster as from a real master.
/// </summary>
internal sealed class MesosDoubleJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            writer.WriteRawValue(value.ToString("0.0", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
