using System.Runtime.CompilerServices;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Tests.Actors;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Tests.Persistence;

/// <summary>
/// Journals outlive releases: Golden/ holds the bytes this version writes for every event and snapshot (checked in).
/// A change to the .proto, the manifests or the mapping that would break reading an existing journal fails here.
/// Regenerate only when adding a new manifest: RELAYMESOS_WRITE_GOLDEN=1 writes the missing files.
/// </summary>
public sealed class EventCompatibilityTests : Akka.TestKit.Xunit2.TestKit
{
    public EventCompatibilityTests()
        : base(FrameworkTestConfig.Config)
    {
    }

    public static TheoryData<string> Manifests() => [.. GoldenEvents.All.Keys];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Checked_in_bytes_still_read_and_this_version_writes_the_same_bytes(string manifest)
    {
        var serializer = Assert.IsType<FrameworkEventSerializer>(Sys.Serialization.FindSerializerFor(GoldenEvents.All[manifest]));
        if (System.Environment.GetEnvironmentVariable("RELAYMESOS_WRITE_GOLDEN") == "1" && !File.Exists(SourcePath(manifest)))
        {
            File.WriteAllBytes(SourcePath(manifest), serializer.ToBinary(GoldenEvents.All[manifest]));
        }

        var golden = File.ReadAllBytes(GoldenPath(manifest));
        var read = serializer.FromBinary(golden, manifest);

        Assert.Equal(manifest, serializer.Manifest(read));
        Assert.Equal(golden, serializer.ToBinary(read));
        Assert.Equal(golden, serializer.ToBinary(GoldenEvents.All[manifest]));
    }

    [Fact]
    public void Golden_fields_read_back_as_written()
    {
        var serializer = (FrameworkEventSerializer)Sys.Serialization.FindSerializerForType(typeof(ControllerStepped));
        var stepped = (ControllerStepped)serializer.FromBinary(File.ReadAllBytes(GoldenPath(FrameworkEventSerializer.ControllerSteppedManifest)), FrameworkEventSerializer.ControllerSteppedManifest);
        var launched = (TasksLaunched)serializer.FromBinary(File.ReadAllBytes(GoldenPath(FrameworkEventSerializer.TasksLaunchedManifest)), FrameworkEventSerializer.TasksLaunchedManifest);

        Assert.Equal(new ControllerInput(5.5, 2.25, new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero), 2, 1, 3, 4, true), stepped.Input);
        Assert.Equal(new ControllerDecision(3, 3.25, 0.5, 1.75, DecisionReason.Drift, 4), stepped.Decision);
        Assert.Equal("r1", launched.Tasks[0].Attributes["rack"]);
        Assert.Equal(TaskState.TaskRunning, launched.Tasks[0].State);
        Assert.Null(launched.Tasks[1].Healthy);

        var snapshot = (ControllerSnapshot)serializer.FromBinary(File.ReadAllBytes(GoldenPath(FrameworkEventSerializer.ControllerSnapshotManifest)), FrameworkEventSerializer.ControllerSnapshotManifest);
        var state = ControllerState.FromJson(snapshot.StateJson);
        Assert.Equal([1.0, -2.5], state.Window.ToArray());
        Assert.Equal(2, state.Steps);
        Assert.Equal(3, state.LastMv);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero), state.LastWarmAt);
        Assert.True(snapshot.Paused);
        Assert.Equal(7.5, snapshot.TargetOverride);
    }

    [Fact]
    public void History_written_before_loops_reads_as_the_loop_default_and_a_loops_tasks_and_failures_round_trip()
    {
        var serializer = (FrameworkEventSerializer)Sys.Serialization.FindSerializerForType(typeof(TasksLaunched));
        var old = (TasksLaunched)serializer.FromBinary(File.ReadAllBytes(GoldenPath(FrameworkEventSerializer.TasksLaunchedManifest)), FrameworkEventSerializer.TasksLaunchedManifest);
        var oldSnapshot = (ReconcilerSnapshot)serializer.FromBinary(File.ReadAllBytes(GoldenPath(FrameworkEventSerializer.ReconcilerSnapshotManifest)), FrameworkEventSerializer.ReconcilerSnapshotManifest);
        Assert.All(old.Tasks, t => Assert.Equal("default", t.Loop));
        Assert.Equal(2, oldSnapshot.Failures["default"]);

        var task = old.Tasks[0] with { Loop = "orders" };
        var launched = (TasksLaunched)serializer.FromBinary(serializer.ToBinary(new TasksLaunched([task])), FrameworkEventSerializer.TasksLaunchedManifest);
        var snapshot = (ReconcilerSnapshot)serializer.FromBinary(
            serializer.ToBinary(new ReconcilerSnapshot("fw", [task], new Dictionary<string, int> { ["default"] = 1, ["orders"] = 4 })),
            FrameworkEventSerializer.ReconcilerSnapshotManifest);

        Assert.Equal("orders", launched.Tasks[0].Loop);
        Assert.Equal("orders", snapshot.Tasks[0].Loop);
        Assert.Equal(1, snapshot.Failures["default"]);
        Assert.Equal(4, snapshot.Failures["orders"]);
    }

    [Fact]
    public void No_dotnet_type_name_reaches_the_bytes()
    {
        foreach (var (manifest, message) in GoldenEvents.All)
        {
            var bytes = ((Akka.Serialization.SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message)).ToBinary(message);
            Assert.DoesNotContain("RelayMesos", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.StartsWith("relay.", manifest, StringComparison.Ordinal);
        }
    }

    /// <summary>The checked-in file, as copied beside the test assembly.</summary>
    private static string GoldenPath(string manifest) => Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden", manifest + ".bin");

    private static string SourcePath(string manifest, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", manifest + ".bin");
}
