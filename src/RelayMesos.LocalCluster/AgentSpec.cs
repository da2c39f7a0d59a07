using RelayMesos.LocalCluster.Resources;
using Attribute = RelayMesos.Mesos.V1.Attribute;

namespace RelayMesos.LocalCluster;

/// <summary>One agent: the hostname it advertises, its total resources and its attributes.</summary>
public sealed record AgentSpec(string Hostname, ResourceBag Resources, IReadOnlyList<Attribute> Attributes);
