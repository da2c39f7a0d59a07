namespace RelayMesos.Bench;

/// <summary>What the real-plant bench's consumer is written in: the interpreter's own start-up and request cost differ.</summary>
public enum ConsumerLanguage
{
    Bash,
    Python,
}
