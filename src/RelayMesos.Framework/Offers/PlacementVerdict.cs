namespace RelayMesos.Framework.Offers;

/// <summary>A constraint's answer for one more task on one offer.</summary>
internal enum PlacementVerdict
{
    Allowed,

    /// <summary>Only GROUP_BY says this: other groups must catch up first.</summary>
    NotYet,

    /// <summary>Counts only grow within a plan, so the offer can be dropped from the rest of it.</summary>
    Never,
}
