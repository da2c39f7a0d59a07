using System.Buffers.Binary;
using System.Text;

namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// Writes one length-prefixed ZooKeeper frame in the jute binary encoding (big-endian integers,
/// length-prefixed buffers, strings and vectors, with -1 for null).
/// </summary>
internal sealed class JuteWriter
{
    private byte[] _buffer = new byte[256];
    private int _length = 4; // the frame's length prefix is patched in by ToFrame

    public JuteWriter WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);
        return this;
    }

    public JuteWriter WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        return this;
    }

    public JuteWriter WriteBool(bool value)
    {
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
        return this;
    }

    public JuteWriter WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    public JuteWriter WriteString(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteInt(byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
        return this;
    }

    public JuteWriter WriteStrings(IReadOnlyCollection<string> values)
    {
        WriteInt(values.Count);
        foreach (var value in values)
        {
            WriteString(value);
        }

        return this;
    }

    public byte[] ToFrame()
    {
        var frame = _buffer.AsSpan(0, _length).ToArray();
        BinaryPrimitives.WriteInt32BigEndian(frame, _length - 4);
        return frame;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
