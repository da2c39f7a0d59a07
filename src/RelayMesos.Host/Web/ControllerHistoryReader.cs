using RelayMesos.Actors.Persistence;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Web;

/// <summary>
/// Reads the controller's journal (persistence id <see cref="RelayController.Id"/>) the way the controller
/// recovers it: the latest snapshot gives the step count, each later <see cref="ControllerStepped"/> is the next
/// step. Events behind a snapshot are deleted, so this is the recent history, including steps of earlier leaders.
/// </summary>
public sealed class ControllerHistoryReader(IJournal journal, ISnapshotStore snapshots, EventSerializerRegistry serializers)
{
    public async Task<IReadOnlyList<ControllerHistoryEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        const string id = RelayController.Id;
        var step = 0L;
        var from = 1L;
        double? targetOverride = null;
        var stored = await snapshots.LoadLatestAsync(id, long.MaxValue, cancellationToken).ConfigureAwait(false);
        if (stored is not null && serializers.Deserialize(stored.Manifest, stored.Payload, id) is ControllerSnapshot snapshot)
        {
            step = snapshot.Steps;
            from = stored.Metadata.SequenceNr + 1;
            targetOverride = snapshot.TargetOverride;
        }

        var entries = new List<ControllerHistoryEntry>();
        await foreach (var e in journal.ReplayAsync(id, from, long.MaxValue, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            switch (serializers.Deserialize(e.Manifest, e.Payload, id))
            {
                case ControllerStepped s:
                    var input = s.Input;
                    entries.Add(new ControllerHistoryEntry(
                        "step", ++step, input.At, input.Metric, input.Target, s.Decision.Error, s.Decision.Mv, s.Decision.Reason.ToString(),
                        input.RunningWarmers + input.RunningCoolers, input.InFlightWarmers + input.InFlightCoolers, null, targetOverride, "journal"));
                    break;
                case ControllerPaused p:
                    entries.Add(Operator(p.Paused ? "paused" : "resumed", step, e.Timestamp, targetOverride));
                    break;
                case TargetOverridden t:
                    targetOverride = t.Target;
                    entries.Add(Operator("target-overridden", step, e.Timestamp, targetOverride));
                    break;
            }
        }

        return entries;
    }

    private static ControllerHistoryEntry Operator(string kind, long step, DateTimeOffset at, double? targetOverride) =>
        new(kind, step, at, null, null, null, null, null, null, null, null, targetOverride, "journal");
}
