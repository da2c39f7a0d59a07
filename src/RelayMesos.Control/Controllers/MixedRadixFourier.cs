using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace RelayMesos.Control.Controllers;

/// <summary>
/// Forward DFT with numpy's sign convention (X_k = Σ x_j e^{−2πi jk/n}, no scaling). Lengths whose prime factors
/// are all ≤ 7 (1000 = 2³·5³, Relay's default lookback) use a mixed-radix Cooley–Tukey, because MathNet's
/// Bluestein path costs ~0.6 ms at n = 1000 and a step must stay well under 100 µs; other lengths go to MathNet.
/// </summary>
internal static class MixedRadixFourier
{
    private static (int Length, Complex[] Roots)? cachedRoots;

    public static void Forward(Complex[] data)
    {
        var n = data.Length;
        if (n <= 1)
        {
            return;
        }

        if (LargestPrimeFactor(n) > 7)
        {
            Fourier.Forward(data, FourierOptions.Matlab);
            return;
        }

        var roots = Roots(n);
        var source = (Complex[])data.Clone();
        Transform(source, 0, 1, n, data, 0, roots, new Complex[n]);
    }

    private static void Transform(Complex[] src, int offset, int stride, int n, Complex[] dst, int dstOffset, Complex[] roots, Complex[] scratch)
    {
        if (n == 1)
        {
            dst[dstOffset] = src[offset];
            return;
        }

        var p = SmallestFactor(n);
        var m = n / p;
        for (var r = 0; r < p; r++)
        {
            Transform(src, offset + r * stride, stride * p, m, dst, dstOffset + r * m, roots, scratch);
        }

        var total = roots.Length;
        var step = total / n;
        for (var k = 0; k < m; k++)
        {
            for (var q = 0; q < p; q++)
            {
                var index = k + m * q;
                var sum = dst[dstOffset + k];
                var advance = (int)((long)index * step % total);
                var twiddle = 0;
                for (var r = 1; r < p; r++)
                {
                    twiddle += advance;
                    if (twiddle >= total)
                    {
                        twiddle -= total;
                    }

                    sum += roots[twiddle] * dst[dstOffset + r * m + k];
                }

                scratch[index] = sum;
            }
        }

        Array.Copy(scratch, 0, dst, dstOffset, n);
    }

    private static Complex[] Roots(int n)
    {
        if (cachedRoots is { } cached && cached.Length == n)
        {
            return cached.Roots;
        }

        var roots = new Complex[n];
        for (var t = 0; t < n; t++)
        {
            var angle = -2 * Math.PI * t / n;
            roots[t] = new Complex(Math.Cos(angle), Math.Sin(angle));
        }

        cachedRoots = (n, roots);
        return roots;
    }

    private static int SmallestFactor(int n)
    {
        foreach (var p in (ReadOnlySpan<int>)[4, 2, 3, 5, 7])
        {
            if (n % p == 0)
            {
                return p;
            }
        }

        return n;
    }

    private static int LargestPrimeFactor(int n)
    {
        var largest = 1;
        for (var p = 2; (long)p * p <= n; p++)
        {
            while (n % p == 0)
            {
                largest = p;
                n /= p;
            }
        }

        return Math.Max(largest, n);
    }
}
