using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

public class ClassicRelayControllerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Weight_is_one_while_the_kept_spectrum_is_empty()
    {
        // n < 4 leaves X[1 : n//2] empty.
        Assert.Equal(1, FftWeight.Compute([]));
        Assert.Equal(1, FftWeight.Compute([3, -1, 7]));
    }

    [Fact]
    public void Weight_is_one_when_the_kept_bins_sum_to_zero()
    {
        // A constant window has all its energy in bin 0.
        Assert.Equal(1, FftWeight.Compute([2, 2, 2, 2, 2, 2]));
    }

    [Fact]
    public void Weight_of_four_samples_matches_the_hand_worked_value()
    {
        // x = [0,0,0,4]: X1 = Σ x_j e^{-2πi j/4} = 4·e^{-3πi/2} = 4i, so φ = π/2, |X1| = 4.
        // c = 4/1 = 4, δ = π/2, J = 4: A = |sin π/2|+|sin 0|+|sin −π/2|+|sin −π|+|sin −3π/2| = 3.
        // w = sin(π/2)/3 · 4/4 = 1/3.
        Assert.Equal(1.0 / 3, FftWeight.Compute([0, 0, 0, 4]), 12);

        // x = [0,1,0,0]: X1 = e^{-πi/2} = −i, φ = −π/2; A = 3 likewise; w = −1/3.
        Assert.Equal(-1.0 / 3, FftWeight.Compute([0, 1, 0, 0]), 12);

        // x = [1,0,0,0]: X1 = 1, φ = 0, sin φ = 0 but the bin sum is not zero: w = 0.
        Assert.Equal(0, FftWeight.Compute([1, 0, 0, 0]), 12);
    }

    [Fact]
    public void Weight_of_five_samples_matches_the_hand_worked_value()
    {
        // x = [0,0,0,0,5]: one kept bin, X1 = 5·e^{-2πi·4/5} = 5·e^{2πi/5}, φ = 72°.
        // c = 5, δ = 72°, J = 5: A = sin72+0+sin72+sin36+sin36+sin72 = 3·0.9510565 + 2·0.5877853 = 4.0287406.
        // w = sin72 / A = 0.2360680 (which is √5 − 2).
        Assert.Equal(Math.Sqrt(5) - 2, FftWeight.Compute([0, 0, 0, 0, 5]), 9);
    }

    [Theory]
    [InlineData(3.7, 1, new[] { 3, 0, 0 })]
    [InlineData(-3.7, 1, new[] { -3, 0, 0 })]
    [InlineData(9, 2, new[] { 1, 0, 0 })]
    [InlineData(-9, 3, new[] { -1, 0, 0 })]
    [InlineData(9, 4, new[] { 0, 0, 1, 0 })]
    [InlineData(-9, 6, new[] { 0, 0, 0, -1, 0 })]
    public void Ramp_plan_reproduces_relays_generator(double err, int ramp, int[] expected)
    {
        // ramp ≥ 2: n = 1 from the roots of 0.5n² − 0.5n, niter = ramp // 2, then niter × sign·(1 // niter),
        // then sign·(1 − niter·(1 // niter)), then zeros.
        var plan = Enumerable.Range(0, expected.Length).Select(i => ClassicRampPlan.ValueAt(err, ramp, i));
        Assert.Equal(expected, plan);
    }

    [Fact]
    public void Steps_match_relays_loop_worked_by_hand()
    {
        var controller = new ClassicRelayController(ControllerSettings.Default with { Algorithm = ControllerAlgorithm.RelayClassic });
        var state = ControllerState.Initial;

        // Step 1 (ramp, ramp = 1): MV = int(4.6) = 4; the window receives 0.
        var s1 = controller.Step(state, new ControllerInput(4.6, 0, T0));
        Assert.Equal(4, s1.Decision.Mv);
        Assert.Equal([0.0], s1.State.Window.ToArray());

        // Step 2: err = 5, window [0, 5], n < 4 so w = 1: MV = round(5 − 1·5/2) = round(2.5) = 3 (half away from zero).
        var s2 = controller.Step(s1.State, new ControllerInput(5, 0, T0));
        Assert.Equal(3, s2.Decision.Mv);
        Assert.Equal(1, s2.Decision.Weight);

        // Step 3: err = −12.5, window [0, 5, −12.5], w = 1: MV = round(−12.5 − (−7.5/3)) = round(−10) = −10.
        var s3 = controller.Step(s2.State, new ControllerInput(0, 12.5, T0));
        Assert.Equal(-10, s3.Decision.Mv);

        // Step 4: err = 12.5, window [0, 5, −12.5, 12.5]: X1 = (0 − (−12.5)) + i(12.5 − 5) = 12.5 + 7.5i.
        // |X1| = √212.5, sin φ = 3/√34, cos φ = 5/√34; c = 4, δ = π/2, so
        // A = |sin φ|+|cos φ|+|sin φ|+|cos φ|+|sin φ| = 19/√34 and w = (3/√34)/(19/√34) = 3/19 = 0.1578947.
        // MV = round(12.5 − (3/19)·5/4) = round(12.3026) = 12.
        var s4 = controller.Step(s3.State, new ControllerInput(12.5, 0, T0));
        Assert.Equal(3.0 / 19, s4.Decision.Weight, 12);
        Assert.Equal(12, s4.Decision.Mv);
    }

    [Fact]
    public void Negative_halves_round_away_from_zero()
    {
        Assert.Equal(-3, ClassicRounding.Round(-2.5));
        Assert.Equal(3, ClassicRounding.Round(2.5));
        Assert.Equal(2, ClassicRounding.Round(2.4999));
        Assert.Equal(int.MaxValue, ClassicRounding.Round(1e12));
    }

    [Fact]
    public void Window_keeps_only_the_last_lookback_errors()
    {
        var controller = new ClassicRelayController(ControllerSettings.Default with { Lookback = 3, Ramp = 0 });
        var state = ControllerState.Initial;
        foreach (var pv in new[] { 1.0, 2, 3, 4, 5 })
        {
            state = controller.Step(state, new ControllerInput(0, pv, T0)).State;
        }

        Assert.Equal([-3.0, -4, -5], state.Window.ToArray());
    }
}
