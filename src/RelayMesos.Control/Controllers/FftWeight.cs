using System.Numerics;

namespace RelayMesos.Control.Controllers;

/// <summary>
/// Relay's <c>calc_weight</c>: how much of the window's mean to subtract, from the phase and amplitude of the
/// window's spectrum (docs/relay-classic.md, "The weight").
/// </summary>
public static class FftWeight
{
    public static double Compute(ReadOnlySpan<double> window)
    {
        var n = window.Length;
        var bins = n / 2 - 1;
        if (bins < 1)
        {
            return 1;
        }

        var spectrum = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            spectrum[i] = new Complex(window[i], 0);
        }

        MixedRadixFourier.Forward(spectrum);

        var sum = Complex.Zero;
        var amplitudeSum = 0.0;
        for (var k = 1; k <= bins; k++)
        {
            sum += spectrum[k];
            amplitudeSum += spectrum[k].Magnitude;
        }

        // numpy's FFT returns exact zeros for a constant window; MathNet's leaves rounding noise near 1e-16,
        // so anything that small against the window's size counts as Relay's "no variation".
        var scale = 0.0;
        foreach (var e in window)
        {
            scale += Math.Abs(e);
        }

        if (sum.Magnitude <= 1e-12 * scale)
        {
            return 1;
        }

        var weight = 0.0;
        for (var k = 1; k <= bins; k++)
        {
            var phase = spectrum[k].Phase;
            var samplesPerCycle = (double)n / k;
            var step = 2 * Math.PI / samplesPerCycle;
            var terms = (int)Math.Ceiling(samplesPerCycle);

            // Σ_{j=0..J} |sin(φ − jδ)|, the sines by rotating e^{iφ} by e^{−iδ}: thousands of Math.Sin calls per
            // step otherwise. The drift over at most n rotations stays near 1e-13.
            var rotation = new Complex(Math.Cos(step), -Math.Sin(step));
            var point = new Complex(Math.Cos(phase), Math.Sin(phase));
            var integral = Math.Abs(point.Imaginary);
            for (var j = 1; j <= terms; j++)
            {
                point *= rotation;
                integral += Math.Abs(point.Imaginary);
            }

            weight += Math.Sin(phase) / integral * (spectrum[k].Magnitude / amplitudeSum);
        }

        return weight;
    }
}
