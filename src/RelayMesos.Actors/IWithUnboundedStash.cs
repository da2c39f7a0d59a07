namespace RelayMesos.Actors;

/// <summary>Marks an actor that needs a stash; the system sets <see cref="Stash"/> before PreStart.</summary>
public interface IWithUnboundedStash
{
    IStash Stash { get; set; }
}
