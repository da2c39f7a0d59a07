using System.Buffers;
using BenchmarkDotNet.Attributes;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.RecordIO;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Benchmarks.Mesos;

/// <summary>
/// One OFFERS event with 10,000 offers: decode it, first-fit a 0.5 cpu / 128 MB task, and build and
/// encode the ACCEPT (one LAUNCH) and the DECLINE of every other offer. Target: under 50 ms.
/// The baseline is decoding alone, so the ratio isolates matching and call building.
/// </summary>
[MemoryDiagnoser]
public class OfferCycleBenchmarks
{
    private const double TaskCpus = 0.5;
    private const double TaskMem = 128;

    private byte[] _record = [];

    [GlobalSetup]
    public void Setup() =>
        _record = RecordIOWriter.Frame(MesosMessageCodec.Protobuf.Encode(MesosEventSamples.Offers(10_000, 42)));

    [Benchmark(Baseline = true)]
    public int DecodeOnly() => Decode().Offers.Offers_.Count;

    [Benchmark]
    public int DecodeMatchAndBuildCalls()
    {
        var offers = Decode().Offers.Offers_;
        Offer? chosen = null;
        var declined = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = 120 } };
        foreach (var offer in offers)
        {
            if (chosen is null && Fits(offer))
            {
                chosen = offer;
            }
            else
            {
                declined.OfferIds.Add(offer.Id);
            }
        }

        var frameworkId = offers[0].FrameworkId;
        var decline = new Call { FrameworkId = frameworkId, Type = Call.Types.Type.Decline, Decline = declined };
        var size = MesosMessageCodec.Protobuf.Encode(decline).Length;
        if (chosen is not null)
        {
            var accept = new Call
            {
                FrameworkId = frameworkId,
                Type = Call.Types.Type.Accept,
                Accept = new Call.Types.Accept
                {
                    OfferIds = { chosen.Id },
                    Operations = { Launch(chosen) },
                    Filters = new Filters { RefuseSeconds = 5 },
                },
            };
            size += MesosMessageCodec.Protobuf.Encode(accept).Length;
        }

        return size;
    }

    private Event Decode()
    {
        var buffer = new ReadOnlySequence<byte>(_record);
        RecordIOFraming.TryReadRecord(ref buffer, RecordIOReader.DefaultMaxRecordSize, out var record);
        return MesosMessageCodec.Protobuf.DecodeEvent(record);
    }

    private static bool Fits(Offer offer)
    {
        double cpus = 0, mem = 0;
        foreach (var resource in offer.Resources)
        {
            if (resource.Type != Value.Types.Type.Scalar)
            {
                continue;
            }

            if (resource.Name == "cpus")
            {
                cpus += resource.Scalar.Value;
            }
            else if (resource.Name == "mem")
            {
                mem += resource.Scalar.Value;
            }
        }

        return cpus >= TaskCpus && mem >= TaskMem;
    }

    private static Offer.Types.Operation Launch(Offer offer) => new()
    {
        Type = Offer.Types.Operation.Types.Type.Launch,
        Launch = new Offer.Types.Operation.Types.Launch
        {
            TaskInfos =
            {
                new TaskInfo
                {
                    Name = "relay-warmer",
                    TaskId = new TaskID { Value = "relay-warmer-1" },
                    AgentId = offer.AgentId,
                    Command = new CommandInfo { Value = "echo warmer" },
                    Resources =
                    {
                        new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = TaskCpus } },
                        new Resource { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = TaskMem } },
                    },
                },
            },
        },
    };
}
