using System.Linq;
using Dsl.Data;

namespace Dsl.Runtime.Tests.Data;

/// <summary>Held against NumPy 1.24's np.random.RandomState: the outputs below were printed by NumPy itself.</summary>
public sealed class NumpyRandomStateTests
{
    [Fact]
    public void The_generator_is_MT19937_seeded_by_init_genrand()
    {
        // MT19937's reference first output for its default seed, and RandomState(0)'s first three 32-bit draws.
        Assert.Equal(3499211612u, new NumpyRandomState(5489).NextUInt32());
        var zero = new NumpyRandomState(0);
        Assert.Equal(new[] { 2357136044u, 2546248239u, 3071714933u }, new[] { zero.NextUInt32(), zero.NextUInt32(), zero.NextUInt32() });
    }

    [Theory]
    // np.random.RandomState(seed).shuffle(list(range(n)))
    [InlineData(0u, new[] { 2, 8, 4, 9, 1, 6, 7, 3, 0, 5 })]
    [InlineData(1337u, new[] { 13, 4, 5, 17, 3, 0, 11, 12, 2, 14, 15, 1, 19, 21, 10, 16, 6, 9, 24, 20, 18, 22, 7, 8, 23 })]
    [InlineData(123456789u, new[] { 6, 3, 5, 1, 2, 4, 0 })]
    [InlineData(4294967295u, new[] { 11, 8, 5, 9, 1, 10, 6, 0, 4, 7, 2, 3 })]
    [InlineData(42u, new[] { 1, 0 })]
    [InlineData(42u, new[] { 0 })]
    public void Shuffle_gives_numpy_s_permutation(uint seed, int[] expected)
    {
        int[] items = Enumerable.Range(0, expected.Length).ToArray();

        new NumpyRandomState(seed).Shuffle(items);

        Assert.Equal(expected, items);
    }
}
