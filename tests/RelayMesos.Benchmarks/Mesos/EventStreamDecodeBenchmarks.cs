using BenchmarkDotNet.Attributes;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.RecordIO;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Benchmarks.Mesos;

/// <summary>
/// Decoding a RecordIO + protobuf event stream against merely copying the same bytes (the baseline),
/// so the ratio says what the framing and parsing cost on this machine. MB/s = stream bytes (printed
/// at setup) / Mean.
/// </summary>
[MemoryDiagnoser]
public class EventStreamDecodeBenchmarks
{
    private byte[] _stream = [];
    private byte[] _copyTarget = [];

    [GlobalSetup]
    public void Setup()
    {
        var wire = new MemoryStream();
        var codec = MesosMessageCodec.Protobuf;
        for (var i = 0; i < 2000; i++)
        {
            var evt = (i % 4) switch
            {
                0 => MesosEventSamples.Offers(20, i),
                1 or 2 => MesosEventSamples.Update(i),
                _ => new Event { Type = Event.Types.Type.Heartbeat },
            };
            wire.Write(RecordIOWriter.Frame(codec.Encode(evt)));
        }

        _stream = wire.ToArray();
        _copyTarget = new byte[_stream.Length];
        Console.WriteLine($"// Event stream: {_stream.Length} bytes per run");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawCopy()
    {
        using var source = new MemoryStream(_stream, writable: false);
        using var target = new MemoryStream(_copyTarget);
        await source.CopyToAsync(target);
        return (int)target.Position;
    }

    [Benchmark]
    public async Task<int> RecordIOAndProtobufDecode()
    {
        await using var reader = new RecordIOReader(new MemoryStream(_stream, writable: false));
        var count = 0;
        while (true)
        {
            var (found, evt) = await reader.ReadRecordAsync(MesosMessageCodec.Protobuf.DecodeEvent);
            if (!found)
            {
                return count;
            }

            count += (int)evt.Type;
        }
    }
}
