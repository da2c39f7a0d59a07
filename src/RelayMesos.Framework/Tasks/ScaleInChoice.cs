using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework.Tasks;

/// <summary>Which warmers one scale-in step kills, and how much of its surplus kills already on their way answer.</summary>
/// <param name="Victims">The warmers to kill now, newest first.</param>
/// <param name="OnTheirWay">
/// Kills asked for in this term that the controller could not see when it counted (their tasks still looked running).
/// </param>
public sealed record ScaleInChoice(IReadOnlyList<TaskRecord> Victims, int OnTheirWay)
{
    /// <param name="table">The task table now.</param>
    /// <param name="count">The surplus the controller counted.</param>
    /// <param name="killsAsked">The scale-in kills this term asked for so far.</param>
    /// <param name="killsCounted">The scale-in kills the table held when the controller counted.</param>
    public static ScaleInChoice Of(TaskTable table, int count, long killsAsked, long killsCounted)
    {
        // The controller counted a table without the kills asked for since: those already answer part of this surplus,
        // or one surplus would be killed twice and then launched again.
        var onTheirWay = (int)Math.Clamp(killsAsked - killsCounted, 0, int.MaxValue);
        return new ScaleInChoice(table.NewestFirst(TaskKind.Warmer, count - onTheirWay), onTheirWay);
    }
}
