using System.Globalization;

namespace RelayMesos.TestKit;

/// <summary>
/// Stretches every TestKit timeout by RELAYMESOS_TEST_TIME_FACTOR (default 1), so a slow CI machine
/// gets more patience without anyone editing tests.
/// </summary>
public static class TestTimeFactor
{
    public const string VariableName = "RELAYMESOS_TEST_TIME_FACTOR";

    public static double Factor { get; } = Read();

    public static TimeSpan Dilate(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * Factor));

    private static double Read()
    {
        var raw = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 1;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0
            ? factor
            : throw new InvalidOperationException($"{VariableName} must be a positive number, got '{raw}'.");
    }
}
