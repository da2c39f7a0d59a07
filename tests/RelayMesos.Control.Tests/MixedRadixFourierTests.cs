using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Tests;

public class MixedRadixFourierTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    [InlineData(360)]
    [InlineData(1000)]
    [InlineData(997)]
    public void Matches_mathnets_numpy_convention_fft(int n)
    {
        var random = new Random(n);
        var data = Enumerable.Range(0, n).Select(_ => new Complex(random.Next(-50, 50), 0)).ToArray();
        var expected = (Complex[])data.Clone();
        Fourier.Forward(expected, FourierOptions.Matlab);
        MixedRadixFourier.Forward(data);
        for (var k = 0; k < n; k++)
        {
            Assert.True((data[k] - expected[k]).Magnitude < 1e-8 * (1 + expected[k].Magnitude), $"bin {k}: {data[k]} vs {expected[k]}");
        }
    }
}
