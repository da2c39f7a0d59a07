namespace RelayMesos.Control.Sources;

public enum WaveShape
{
    Sine,
    Square,
    Sawtooth,
}
