using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

public class TargetLeadTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static readonly ControllerSettings Pool = ControllerSettings.Default with
    {
        Mode = ControllerMode.LongRunning,
        EffectDelay = TimeSpan.FromSeconds(5),
    };

    /// <summary>Feeds targets one second apart to a pool one instance short of each target; returns the last MV.</summary>
    private static int LastMv(ControllerSettings settings, params double[] targets)
    {
        var controller = new GuardedRelayController(settings);
        var state = ControllerState.Initial;
        var mv = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var running = (int)targets[i] - 1;
            var step = controller.Step(state, new ControllerInput(targets[i], running, T0.AddSeconds(i), RunningWarmers: running));
            state = step.State;
            mv = step.Decision.Mv;
        }

        return mv;
    }

    [Fact]
    public void A_steadily_rising_target_is_led_by_the_effect_delay()
    {
        // Rising one instance a second with a 5 s start-up: close the gap of one and start five more, which
        // serve when the target has got there.
        Assert.Equal(6, LastMv(Pool, 10, 11, 12, 13, 14, 15, 16, 17));
    }

    [Fact]
    public void Without_an_effect_delay_there_is_nothing_to_lead()
    {
        Assert.Equal(1, LastMv(Pool with { EffectDelay = TimeSpan.Zero }, 10, 11, 12, 13, 14, 15, 16, 17));
    }

    [Fact]
    public void A_jump_is_not_a_trend()
    {
        Assert.Equal(1, LastMv(Pool, 10, 10, 10, 10, 10, 30, 30, 30));
    }

    [Fact]
    public void A_falling_target_is_not_led_because_kills_act_at_once()
    {
        Assert.Equal(1, LastMv(Pool, 17, 16, 15, 14, 13, 12, 11, 10));
    }

}
