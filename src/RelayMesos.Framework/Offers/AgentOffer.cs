namespace RelayMesos.Framework.Offers;

/// <summary>
/// One Mesos offer reduced to what the matcher needs: resources by kind and the agent's attributes
/// (scalar and range attributes rendered as text).
/// </summary>
public sealed record AgentOffer(
    string OfferId,
    string AgentId,
    string Hostname,
    IReadOnlyDictionary<string, double> Scalars,
    IReadOnlyDictionary<string, IReadOnlyList<ValueRange>> Ranges,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Sets,
    IReadOnlyDictionary<string, string> Attributes,
    string Role = "*");
