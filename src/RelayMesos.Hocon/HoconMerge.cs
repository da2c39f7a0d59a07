namespace RelayMesos.Hocon;

/// <summary>The duplicate-key rule (HOCON.md "Duplicate keys and object merging"), used for fields, files and fallbacks alike.</summary>
internal static class HoconMerge
{
    public static HoconNode Merge(HoconNode older, HoconNode newer)
    {
        switch (newer)
        {
            case HoconObject newObject when older is HoconObject oldObject:
                return MergeObjects(oldObject, newObject);
            case HoconScalar or HoconArray:
                return newer;
            case HoconObject newObject when older is HoconScalar or HoconArray:
                return newObject.IgnoresFallbacks ? newObject : new HoconObject(newObject.Origin, newObject.Fields) { IgnoresFallbacks = true };
            default:
                // Either side is unresolved: keep both, the newer may refer back to or vanish onto the older.
                var layers = new List<HoconNode>();
                AddLayers(layers, older);
                AddLayers(layers, newer);
                return new HoconMergeStack(newer.Origin, layers);
        }
    }

    public static HoconObject MergeObjects(HoconObject older, HoconObject newer)
    {
        if (newer.IgnoresFallbacks)
        {
            return newer;
        }

        var fields = new Dictionary<string, HoconNode>(older.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in newer.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var existing) ? Merge(existing, value) : value;
        }

        return new HoconObject(newer.Origin, fields) { IgnoresFallbacks = older.IgnoresFallbacks };
    }

    /// <summary>
    /// Parse-time merge into an object that only the parser holds yet, so nested objects are
    /// extended in place: a file of many dotted keys under one prefix stays linear.
    /// </summary>
    public static void MergeFieldInPlace(HoconObject target, string key, HoconNode value)
    {
        if (!target.Fields.TryGetValue(key, out var existing))
        {
            target.Fields[key] = value;
            return;
        }

        if (existing is HoconObject existingObject && value is HoconObject { IgnoresFallbacks: false } valueObject)
        {
            foreach (var (childKey, childValue) in valueObject.Fields)
            {
                MergeFieldInPlace(existingObject, childKey, childValue);
            }

            return;
        }

        target.Fields[key] = Merge(existing, value);
    }

    private static void AddLayers(List<HoconNode> layers, HoconNode node)
    {
        if (node is HoconMergeStack stack)
        {
            layers.AddRange(stack.Layers);
        }
        else
        {
            layers.Add(node);
        }
    }
}
