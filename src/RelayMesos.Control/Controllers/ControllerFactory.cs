namespace RelayMesos.Control.Controllers;

public static class ControllerFactory
{
    public static IController Create(ControllerSettings settings) => settings.Algorithm switch
    {
        ControllerAlgorithm.RelayClassic => new ClassicRelayController(settings),
        ControllerAlgorithm.Proportional => new ProportionalController(settings),
        _ => new GuardedRelayController(settings),
    };
}
