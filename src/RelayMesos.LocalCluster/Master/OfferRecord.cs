using RelayMesos.LocalCluster.Resources;
using RelayMesos.Mesos.V1;

namespace RelayMesos.LocalCluster.Master;

/// <summary>An outstanding offer; its resources stay set aside on the agent until it is used, declined or rescinded.</summary>
internal sealed record OfferRecord(string Id, string FrameworkId, string AgentId, ResourceBag Resources, DateTimeOffset CreatedAt, Offer Proto);
