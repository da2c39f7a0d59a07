using System.Buffers;
using System.IO.Pipelines;

namespace RelayMesos.Mesos.RecordIO;

/// <summary>
/// Streams RecordIO records off a <see cref="Stream"/> or <see cref="PipeReader"/> as the bytes
/// arrive. Memory held is bounded by <see cref="MaxRecordSize"/> plus one read segment.
/// </summary>
public sealed class RecordIOReader : IAsyncDisposable
{
    /// <summary>Default bound on one record: far above any real Mesos event, far below a memory problem.</summary>
    public const long DefaultMaxRecordSize = 64L * 1024 * 1024;

    private readonly PipeReader _pipe;
    private bool _completed;

    public RecordIOReader(Stream stream, long maxRecordSize = DefaultMaxRecordSize, bool leaveOpen = false)
        : this(PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: leaveOpen)), maxRecordSize)
    {
    }

    public RecordIOReader(PipeReader pipe, long maxRecordSize = DefaultMaxRecordSize)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordSize);
        _pipe = pipe;
        MaxRecordSize = maxRecordSize;
    }

    public long MaxRecordSize { get; }

    /// <summary>
    /// Reads the next record and hands its bytes to <paramref name="parse"/> before they are released,
    /// so a decoder can work on the buffered bytes without a copy. Returns default at a clean end of stream.
    /// </summary>
    /// <exception cref="RecordIOFormatException">The stream is malformed or ends inside a record.</exception>
    public async ValueTask<(bool Found, T Value)> ReadRecordAsync<T>(
        Func<ReadOnlySequence<byte>, T> parse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool found;
            ReadOnlySequence<byte> record;
            try
            {
                found = RecordIOFraming.TryReadRecord(ref buffer, MaxRecordSize, out record);
                if (!found && result.IsCompleted)
                {
                    RecordIOFraming.CheckEndOfStream(buffer);
                    _pipe.AdvanceTo(buffer.End);
                    return (false, default!);
                }
            }
            catch
            {
                _pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                throw;
            }

            if (!found)
            {
                // Everything seen is kept but marked examined, so the next read waits for more bytes.
                _pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                continue;
            }

            try
            {
                return (true, parse(record));
            }
            finally
            {
                _pipe.AdvanceTo(buffer.Start);
            }
        }
    }

    /// <summary>Reads the next record as a fresh array, or null at a clean end of stream.</summary>
    public async ValueTask<byte[]?> ReadRecordAsync(CancellationToken cancellationToken = default)
    {
        var (found, bytes) = await ReadRecordAsync(static seq => seq.ToArray(), cancellationToken).ConfigureAwait(false);
        return found ? bytes : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await _pipe.CompleteAsync().ConfigureAwait(false);
        }
    }
}
