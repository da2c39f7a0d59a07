using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RelayMesos.Mesos.RecordIO;

namespace RelayMesos.Mesos.Tests.RecordIO;

public sealed class RecordIOReaderTests
{
    [Fact]
    public async Task Reads_the_documented_example_and_skips_empty_lines()
    {
        var stream = Stream("\n20\n{\"type\":\"HEARTBEAT\"}\n\n3\nabc\n");
        await using var reader = new RecordIOReader(stream);

        Assert.Equal("{\"type\":\"HEARTBEAT\"}", Encoding.ASCII.GetString((await reader.ReadRecordAsync())!));
        Assert.Equal("abc", Encoding.ASCII.GetString((await reader.ReadRecordAsync())!));
        Assert.Null(await reader.ReadRecordAsync());
    }

    [Fact]
    public async Task A_zero_length_record_is_an_empty_record()
    {
        await using var reader = new RecordIOReader(Stream("0\n2\nok"));
        Assert.Empty((await reader.ReadRecordAsync())!);
        Assert.Equal("ok", Encoding.ASCII.GetString((await reader.ReadRecordAsync())!));
    }

    [Theory]
    [InlineData("12a\nxxxxxxxxxxxx", "non-digit")]
    [InlineData("-1\n", "non-digit")]
    [InlineData(" 5\nhello", "non-digit")]
    [InlineData("5\r\nhello", "non-digit")]
    [InlineData("000000000000000000001\nx", "longer than 20 digits")]
    [InlineData("99999999999999999999999999\n", "exceeds the maximum")]
    [InlineData("1025\n", "exceeds the maximum")]
    [InlineData("5\nabc", "ended inside a record")]
    [InlineData("3\nabc12", "ended inside a record")]
    public async Task Malformed_frames_raise_a_clear_format_error(string input, string expected)
    {
        await using var reader = new RecordIOReader(Stream(input), maxRecordSize: 1024);
        var error = await Assert.ThrowsAsync<RecordIOFormatException>(async () =>
        {
            while (await reader.ReadRecordAsync() is not null)
            {
            }
        });
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_written_by_the_writer_come_back_unchanged_at_any_chunking()
    {
        var gen =
            from records in Gen.ArrayOf(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()))
            from blankLines in Gen.ArrayOf(Gen.Choose(0, 2), records.Length)
            from chunk in Gen.Choose(1, 64)
            select (records, blankLines, chunk);

        Prop.ForAll(gen.ToArbitrary(), sample =>
        {
            var (records, blankLines, chunk) = sample;
            var wire = new MemoryStream();
            for (var i = 0; i < records.Length; i++)
            {
                wire.Write(new byte[blankLines[i]].Select(_ => (byte)'\n').ToArray());
                wire.Write(RecordIOWriter.Frame(records[i]));
            }

            var read = ReadAll(new TrickleStream(wire.ToArray(), chunk), RecordIOReader.DefaultMaxRecordSize);
            return read.Count == records.Length && read.Zip(records).All(p => p.First.SequenceEqual(p.Second));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_and_mutated_streams_end_or_fail_only_with_the_format_error()
    {
        var valid = Gen.ArrayOf(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()))
            .Select(records => records.SelectMany(r => RecordIOWriter.Frame(r)).ToArray());
        var mutated =
            from bytes in valid
            from flips in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 1000), ArbMap.Default.GeneratorFor<byte>()))
            select Mutate(bytes, flips);
        var any = Gen.OneOf(ArbMap.Default.GeneratorFor<byte[]>(), mutated, valid.Select(Truncate));
        var sample = Gen.Zip(any, Gen.Choose(1, 17));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(sample.ToArbitrary(), s => EndsOrFailsCleanly(s.Item1, s.Item2)));

        // A long seeded loop on top of the property: plain random bytes biased towards digits and LFs.
        var random = new Random(20240823);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            for (var j = 0; j < bytes.Length; j++)
            {
                bytes[j] = random.Next(4) switch
                {
                    0 => (byte)'\n',
                    1 or 2 => (byte)('0' + random.Next(10)),
                    _ => (byte)random.Next(256),
                };
            }

            Assert.True(EndsOrFailsCleanly(bytes, random.Next(1, 9)));
        }
    }

    [Fact]
    public void A_huge_declared_size_is_not_allocated_before_its_bytes_arrive()
    {
        const long max = 1L << 30;
        var input = Encoding.ASCII.GetBytes("900000000\nonly a few bytes arrive");
        var before = GC.GetAllocatedBytesForCurrentThread();

        // MemoryStream completes every read synchronously, so the whole read runs on this thread.
        var error = Assert.Throws<RecordIOFormatException>(() => ReadAll(new MemoryStream(input), max));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("ended inside a record", error.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1024 * 1024);
    }

    private static bool EndsOrFailsCleanly(byte[] bytes, int chunk)
    {
        try
        {
            var records = ReadAll(new TrickleStream(bytes, chunk), 1024);
            // Each record needs at least a digit and an LF, so this also proves the loop terminated honestly.
            return records.Count <= (bytes.Length / 2) + 1 && records.All(r => r.Length <= 1024);
        }
        catch (RecordIOFormatException)
        {
            return true;
        }
    }

    private static List<byte[]> ReadAll(Stream stream, long max)
    {
        var reader = new RecordIOReader(stream, max);
        var records = new List<byte[]>();
        while (reader.ReadRecordAsync().AsTask().GetAwaiter().GetResult() is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    private static byte[] Mutate(byte[] bytes, (int Index, byte Value)[] flips)
    {
        var copy = (byte[])bytes.Clone();
        foreach (var (index, value) in flips)
        {
            if (copy.Length > 0)
            {
                copy[index % copy.Length] = value;
            }
        }

        return copy;
    }

    private static byte[] Truncate(byte[] bytes) => bytes.Length == 0 ? bytes : bytes[..(bytes.Length * 2 / 3)];

    private static MemoryStream Stream(string text) => new(Encoding.ASCII.GetBytes(text));
}
