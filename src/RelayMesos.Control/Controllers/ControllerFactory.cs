namespace RelayMesos.Control.Controllers;

public static class ControllerFactory
{
    /// <summary>The configured algorithm, held to <c>max-instances</c> whatever it is.</summary>
    public static IController Create(ControllerSettings settings) => new InstanceCap(
        settings.Algorithm switch
        {
            ControllerAlgorithm.RelayClassic => new ClassicRelayController(settings),
            ControllerAlgorithm.Proportional => new ProportionalController(settings),
            _ => new GuardedRelayController(settings),
        },
        settings);
}
