using System.Buffers;

namespace RelayMesos.Mesos.RecordIO;

/// <summary>
/// Pure RecordIO framing (<c>record = 1*DIGIT LF record-size-octets</c>, empty lines between records
/// tolerated) over whatever bytes have arrived so far. Nothing is allocated here: a record is only
/// handed out once all of its bytes are buffered, so a declared size never reserves memory up front.
/// </summary>
public static class RecordIOFraming
{
    /// <summary>A uint64 has at most 20 decimal digits; anything longer cannot be a size line.</summary>
    public const int MaxSizeDigits = 20;

    private const byte LineFeed = (byte)'\n';

    /// <summary>
    /// Takes one complete record off the front of <paramref name="buffer"/>. Returns false (and leaves
    /// <paramref name="buffer"/> as it was) while the record is still incomplete.
    /// </summary>
    /// <exception cref="RecordIOFormatException">The buffered bytes can never become a valid record.</exception>
    public static bool TryReadRecord(ref ReadOnlySequence<byte> buffer, long maxRecordSize, out ReadOnlySequence<byte> record)
    {
        record = default;
        var reader = new SequenceReader<byte>(buffer);
        reader.AdvancePast(LineFeed);

        ulong size = 0;
        var digits = 0;
        while (true)
        {
            if (!reader.TryRead(out var b))
            {
                return false;
            }

            if (b == LineFeed)
            {
                break;
            }

            if (b is < (byte)'0' or > (byte)'9')
            {
                throw new RecordIOFormatException(
                    $"RecordIO size line contains the non-digit byte 0x{b:X2} at position {digits}.");
            }

            if (++digits > MaxSizeDigits)
            {
                throw new RecordIOFormatException($"RecordIO size line is longer than {MaxSizeDigits} digits.");
            }

            size = (size * 10) + (ulong)(b - '0');
            if (size > (ulong)maxRecordSize)
            {
                throw new RecordIOFormatException(
                    $"RecordIO record size exceeds the maximum of {maxRecordSize} bytes.");
            }
        }

        if (reader.Remaining < (long)size)
        {
            return false;
        }

        record = reader.UnreadSequence.Slice(0, (long)size);
        buffer = buffer.Slice(record.End);
        return true;
    }

    /// <summary>
    /// Checks the bytes left when the stream ended: only empty lines may remain after the last record.
    /// </summary>
    /// <exception cref="RecordIOFormatException">The stream ended inside a size line or a record.</exception>
    public static void CheckEndOfStream(ReadOnlySequence<byte> remaining)
    {
        var reader = new SequenceReader<byte>(remaining);
        reader.AdvancePast(LineFeed);
        if (!reader.End)
        {
            throw new RecordIOFormatException(
                $"RecordIO stream ended inside a record ({reader.Remaining} trailing bytes).");
        }
    }
}
