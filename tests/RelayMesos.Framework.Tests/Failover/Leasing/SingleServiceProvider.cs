namespace RelayMesos.Framework.Tests.Failover.Leasing;

/// <summary>The host's services as Akka.DependencyInjection sees them, reduced to what <c>SqlLease</c> asks for.</summary>
internal sealed class SingleServiceProvider(object service) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(service) ? service : null;
}
