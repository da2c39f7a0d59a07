using System.Globalization;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Offers;

/// <summary>Reduces a Mesos offer to the matcher's <see cref="AgentOffer"/>: only resources our role may use.</summary>
public static class MesosOfferConversion
{
    public static AgentOffer ToAgentOffer(Offer offer, string role)
    {
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        var ranges = new Dictionary<string, IReadOnlyList<ValueRange>>(StringComparer.Ordinal);
        var sets = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var resource in offer.Resources)
        {
            // Revocable, reserved-for-others and disk-with-volume resources are not what a plain task asks for.
            if (resource.Revocable is not null || resource.Disk is not null || !Usable(resource, role))
            {
                continue;
            }

            switch (resource.Type)
            {
                case Value.Types.Type.Scalar when resource.Scalar is not null:
                    scalars[resource.Name] = scalars.GetValueOrDefault(resource.Name) + resource.Scalar.Value;
                    break;
                case Value.Types.Type.Ranges when resource.Ranges is not null:
                    var list = ranges.TryGetValue(resource.Name, out var existing) ? existing.ToList() : [];
                    list.AddRange(resource.Ranges.Range.Where(r => r.End >= r.Begin).Select(r => new ValueRange(r.Begin, r.End)));
                    ranges[resource.Name] = list;
                    break;
                case Value.Types.Type.Set when resource.Set is not null:
                    var items = sets.TryGetValue(resource.Name, out var known) ? new HashSet<string>(known, StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
                    items.UnionWith(resource.Set.Item);
                    sets[resource.Name] = items;
                    break;
            }
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in offer.Attributes)
        {
            attributes[attribute.Name] = AttributeText(attribute);
        }

        return new AgentOffer(offer.Id.Value, offer.AgentId.Value, offer.Hostname, scalars, ranges, sets, attributes, role);
    }

    // Resource.role is deprecated in favour of reservations, but it is the format a framework
    // without MULTI_ROLE/RESERVATION_REFINEMENT is offered (and we subscribe without them).
#pragma warning disable CS0612
    private static bool Usable(Resource resource, string role) =>
        !resource.HasRole || resource.Role == "*" || resource.Role == role;
#pragma warning restore CS0612

    private static string AttributeText(Mesos.V1.Attribute attribute) => attribute.Type switch
    {
        Value.Types.Type.Text => attribute.Text?.Value ?? "",
        Value.Types.Type.Scalar => attribute.Scalar?.Value.ToString(CultureInfo.InvariantCulture) ?? "",
        Value.Types.Type.Set => string.Join(",", attribute.Set?.Item ?? []),
        Value.Types.Type.Ranges => string.Join(",", attribute.Ranges?.Range.Select(r => $"[{r.Begin}-{r.End}]") ?? []),
        _ => "",
    };
}
