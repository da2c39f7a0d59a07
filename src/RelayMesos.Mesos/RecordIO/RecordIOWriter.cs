using System.Buffers;
using System.Globalization;
using System.Text;

namespace RelayMesos.Mesos.RecordIO;

/// <summary>Writes RecordIO frames: the decimal byte count, a line feed, then the bytes.</summary>
public sealed class RecordIOWriter
{
    private readonly Stream _stream;

    public RecordIOWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>Writes one framed record and flushes, so a streaming peer sees it at once.</summary>
    public async ValueTask WriteRecordAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(Frame(record.Span), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends one framed record to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> record)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> header = stackalloc byte[RecordIOFraming.MaxSizeDigits + 1];
        record.Length.TryFormat(header, out var written, provider: CultureInfo.InvariantCulture);
        header[written++] = (byte)'\n';
        output.Write(header[..written]);
        output.Write(record);
    }

    /// <summary>One framed record as a new array.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> record)
    {
        var header = Encoding.ASCII.GetBytes(record.Length.ToString(CultureInfo.InvariantCulture) + "\n");
        var framed = new byte[header.Length + record.Length];
        header.CopyTo(framed, 0);
        record.CopyTo(framed.AsSpan(header.Length));
        return framed;
    }
}
