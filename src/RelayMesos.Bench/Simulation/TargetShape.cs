namespace RelayMesos.Control.Simulation;

public enum TargetShape
{
    Constant,
    Step,
    Sine,
}
