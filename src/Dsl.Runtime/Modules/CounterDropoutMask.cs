using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Dropout masks from a counter-based generator: one 64-bit seed drawn from TorchSharp's global generator per mask, then
/// element i's two 32-bit draws are halves of SplitMix64's output for position i / 2 (<c>seed + (i / 2)·φ</c> through its
/// finaliser, the generator that passes BigCrush). An element is kept when its draw is at least round(rate·2³²), so
/// its keep probability is 1 − rate to within 2⁻³³; kept elements hold 1 / (1 − rate), dropped ones 0. Every draw
/// depends only on the seed and the position, so eight positions are hashed at once in SIMD registers, where libtorch's
/// <c>bernoulli_</c> makes one Mersenne Twister draw at a time (bench/README.md measures the difference per epoch, on AMD
/// and Intel processors). The mask is laid out as its input is in memory (channels-last stays channels-last), and
/// positions count in that memory order.
/// </summary>
public static class CounterDropoutMask
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Whether <see cref="Draw"/> takes this input: a floating-point CPU tensor other than float64 whose float32 mask fits a span.</summary>
    public static bool Supports(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.device_type == TorchSharp.DeviceType.CPU
            && input.dtype is ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16
            && input.numel() * sizeof(float) <= int.MaxValue;
    }

    /// <summary>A mask shaped, typed and laid out like <paramref name="input"/>, with no gradient: multiply by it to drop out.</summary>
    /// <param name="input">The values to drop out of; see <see cref="Supports"/>.</param>
    /// <param name="rate">The fraction dropped, in [0, 1).</param>
    public static Tensor Draw(Tensor input, double rate)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Supports(input))
            throw new ArgumentException($"A counter-based dropout mask needs a float32, bfloat16 or float16 CPU tensor of fewer than 2^29 values; this one is {input.dtype} on {input.device_type} with {input.numel()}.", nameof(input));
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be at least 0 and below 1.");
        ulong seed = SeedFromGlobalGenerator();
        long[] order = MemoryOrder(input);
        using var filled = empty(order.Select(d => input.shape[d]).ToArray(), ScalarType.Float32, input.device);
        Fill(MemoryMarshal.Cast<byte, float>(filled.bytes), seed, Threshold(rate), (float)(1.0 / (1.0 - rate)));
        using var logical = filled.permute(Inverse(order));
        return input.dtype == ScalarType.Float32 ? logical.alias() : logical.to_type(input.dtype);
    }

    /// <summary>Writes the mask for the positions of <paramref name="values"/> (position i is <c>values[i]</c>): a pure function of its arguments.</summary>
    public static void Fill(Span<float> values, ulong seed, uint threshold, float kept) =>
        Fill(values, seed, threshold, kept, Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 0);

    /// <summary><see cref="Fill(Span{float}, ulong, uint, float)"/> with the vector width chosen (512, 256 or 0 for scalar code), so tests can run each path.</summary>
    internal static void Fill(Span<float> values, ulong seed, uint threshold, float kept, int vectorBits)
    {
        var bits = MemoryMarshal.Cast<float, uint>(values);
        uint keptBits = BitConverter.SingleToUInt32Bits(kept);
        long pairs = bits.Length / 2;
        long pair = 0;
        ref uint start = ref MemoryMarshal.GetReference(bits);
        if (vectorBits == 512)
        {
            var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            for (; pair + 8 <= pairs; pair += 8)
                Keep(Hash((Vector512.Create((ulong)pair) + lanes) * Golden + Vector512.Create(seed)).AsUInt32(), threshold, keptBits)
                    .StoreUnsafe(ref start, (nuint)(2 * pair));
        }
        else if (vectorBits == 256)
        {
            var lanes = Vector256.Create(0UL, 1, 2, 3);
            for (; pair + 4 <= pairs; pair += 4)
                Keep(Hash((Vector256.Create((ulong)pair) + lanes) * Golden + Vector256.Create(seed)).AsUInt32(), threshold, keptBits)
                    .StoreUnsafe(ref start, (nuint)(2 * pair));
        }
        for (; pair < pairs; pair++)
        {
            ulong z = Draw64(seed, pair);
            bits[(int)(2 * pair)] = (uint)z >= threshold ? keptBits : 0;
            bits[(int)(2 * pair + 1)] = (uint)(z >> 32) >= threshold ? keptBits : 0;
        }
        if (bits.Length % 2 == 1)
            bits[^1] = (uint)Draw64(seed, pairs) >= threshold ? keptBits : 0;
    }

    /// <summary>The draw below which an element is dropped: round(rate·2³²), so that P(draw &lt; threshold) = rate to within 2⁻³³.</summary>
    public static uint Threshold(double rate) => (uint)Math.Min(uint.MaxValue, Math.Round(rate * 4294967296.0));

    /// <summary>The 64 bits behind positions 2·pair (low half) and 2·pair + 1 (high half): SplitMix64's output number <paramref name="pair"/> for state <paramref name="seed"/> − φ.</summary>
    internal static ulong Draw64(ulong seed, long pair) => Hash((ulong)pair * Golden + seed);

    // SplitMix64's finaliser (Steele, Lea and Flood 2014; the constants of Vigna's reference code).
    private static ulong Hash(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static Vector512<ulong> Hash(Vector512<ulong> z)
    {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >>> 31);
    }

    private static Vector256<ulong> Hash(Vector256<ulong> z)
    {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >>> 31);
    }

    private static Vector512<uint> Keep(Vector512<uint> draws, uint threshold, uint keptBits) =>
        Vector512.GreaterThanOrEqual(draws, Vector512.Create(threshold)) & Vector512.Create(keptBits);

    private static Vector256<uint> Keep(Vector256<uint> draws, uint threshold, uint keptBits) =>
        Vector256.GreaterThanOrEqual(draws, Vector256.Create(threshold)) & Vector256.Create(keptBits);

    /// <summary>One draw from the global generator, so <c>torch.manual_seed</c> and <c>torch.set_rng_state</c> decide every mask.</summary>
    private static ulong SeedFromGlobalGenerator()
    {
        using var draw = randint(0, long.MaxValue, new long[] { 1 }, dtype: ScalarType.Int64);
        return (ulong)draw.item<long>();
    }

    /// <summary>
    /// The input's dimensions from the outermost in memory to the innermost (largest stride first, ties in dimension
    /// order), if its elements fill their memory densely in that order; otherwise the logical order.
    /// </summary>
    private static long[] MemoryOrder(Tensor input)
    {
        long[] shape = input.shape, strides = input.stride();
        long[] order = Enumerable.Range(0, shape.Length).Select(d => (long)d)
            .OrderByDescending(d => shape[d] == 1 ? long.MaxValue : strides[d]).ThenBy(d => d).ToArray();
        long expected = 1;
        for (int k = order.Length - 1; k >= 0; k--)
        {
            long d = order[k];
            if (shape[d] != 1 && strides[d] != expected)
                return Enumerable.Range(0, shape.Length).Select(i => (long)i).ToArray();
            expected *= shape[d];
        }
        return order;
    }

    private static long[] Inverse(long[] order)
    {
        var inverse = new long[order.Length];
        for (int k = 0; k < order.Length; k++)
            inverse[order[k]] = k;
        return inverse;
    }
}
