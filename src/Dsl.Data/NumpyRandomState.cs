using System;
using System.Collections.Generic;

namespace Dsl.Data;

/// <summary>
/// NumPy's legacy <c>np.random.RandomState(seed)</c>: the Mersenne Twister MT19937 seeded from one 32-bit integer,
/// and its <c>shuffle</c>. Keras's <c>image_dataset_from_directory</c> shuffles the file list with exactly this
/// before it splits off the validation files, so the same seed gives the same order, and the same split, as Keras.
/// </summary>
internal sealed class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>Seeds like <c>RandomState(seed)</c> (MT19937's <c>init_genrand</c>); NumPy accepts 0 to 2**32 - 1.</summary>
    public NumpyRandomState(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            _state[i] = unchecked((1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i);
        }
        _index = N;
    }

    /// <summary>The next 32 random bits (MT19937's <c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Generate();
        }
        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="max"/>] by NumPy's <c>random_interval</c>: draws masked to the smallest
    /// all-ones mask covering <paramref name="max"/> until one is not above it.
    /// </summary>
    public uint Interval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }
        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }
        return value;
    }

    /// <summary><c>RandomState.shuffle</c>: Fisher–Yates from the last element down, swapping each with one at or before it.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = (int)Interval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private void Generate()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_state[k] & 0x80000000u) | (_state[(k + 1) % N] & 0x7fffffffu);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : 0x9908b0dfu);
        }
        _index = 0;
    }
}
