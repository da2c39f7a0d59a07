namespace RelayMesos.Actors;

/// <summary>Conventional replies, as in Akka.NET: <see cref="Failure"/> makes a pending Ask throw its cause.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause);
}
