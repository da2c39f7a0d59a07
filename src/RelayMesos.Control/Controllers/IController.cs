namespace RelayMesos.Control.Controllers;

/// <summary>
/// A control law as a pure function: the hosting actor persists <see cref="ControllerStep.State"/>
/// and acts on <see cref="ControllerStep.Decision"/>; the controller itself keeps nothing between calls.
/// </summary>
public interface IController
{
    ControllerAlgorithm Algorithm { get; }

    ControllerStep Step(ControllerState state, ControllerInput input);
}
