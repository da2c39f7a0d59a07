using System.Buffers.Binary;
using System.Text;

namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// Reads the jute binary encoding from one received frame. Every length is checked against what
/// is left in the frame, so a corrupt or hostile frame yields a <see cref="ZooKeeperException"/>
/// with <see cref="ZooKeeperErrorCode.MarshallingError"/> rather than a huge allocation.
/// </summary>
internal sealed class JuteReader(byte[] frame)
{
    private int _position;

    public int Remaining => frame.Length - _position;

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public bool ReadBool() => Take(1)[0] != 0;

    public byte[]? ReadBuffer()
    {
        var length = ReadLength();
        return length < 0 ? null : Take(length).ToArray();
    }

    public string? ReadString()
    {
        var length = ReadLength();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public IReadOnlyList<string> ReadStrings()
    {
        var count = ReadLength();
        if (count < 0)
        {
            return [];
        }

        // Each element needs at least its 4-byte length, which bounds count by the frame size.
        if (count > Remaining / 4)
        {
            throw Malformed($"a vector of {count} strings does not fit in the {Remaining} bytes left");
        }

        var items = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(ReadString() ?? throw Malformed("a null string inside a vector"));
        }

        return items;
    }

    public ZooKeeperStat ReadStat() => new(
        CreatedZxid: ReadLong(),
        ModifiedZxid: ReadLong(),
        CreatedTime: ReadLong(),
        ModifiedTime: ReadLong(),
        Version: ReadInt(),
        ChildVersion: ReadInt(),
        AclVersion: ReadInt(),
        EphemeralOwner: ReadLong(),
        DataLength: ReadInt(),
        ChildCount: ReadInt(),
        ChildrenZxid: ReadLong());

    private int ReadLength()
    {
        var length = ReadInt();
        if (length < -1 || length > Remaining)
        {
            throw Malformed($"length {length} with {Remaining} bytes left in the frame");
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Malformed($"needed {count} bytes, {Remaining} left in the frame");
        }

        var span = frame.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private static ZooKeeperException Malformed(string detail) =>
        new(ZooKeeperErrorCode.MarshallingError, $"Malformed ZooKeeper frame: {detail}.");
}
