using System;
using System.ComponentModel;

namespace Dsl.Support;

/// <summary>
/// One use of a block, as its generated class reads it: the numbers that differ from use to use (input channels,
/// filters, paddings, shapes in its metadata), worked out at compile time. A block's class is written once for all its
/// uses; each use's module is created from its plan (<c>Bottleneck.Create(Bottleneck.Plan_…)</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BlockPlan
{
    /// <summary>Called by generated code.</summary>
    /// <param name="variant">Which of the block's classes serves this use (a block whose uses need different code has several).</param>
    /// <param name="integers">Whole numbers and flags (0 or 1), in the order the block's code reads them.</param>
    /// <param name="numbers">Real numbers.</param>
    /// <param name="plans">The plans of the blocks this use uses in turn.</param>
    public BlockPlan(int variant, long[] integers, double[] numbers, BlockPlan[] plans)
    {
        Variant = variant;
        L = integers ?? throw new ArgumentNullException(nameof(integers));
        D = numbers ?? throw new ArgumentNullException(nameof(numbers));
        P = plans ?? throw new ArgumentNullException(nameof(plans));
    }

    /// <summary>Which of the block's classes serves this use.</summary>
    public int Variant { get; }

    /// <summary>Whole numbers and flags.</summary>
#pragma warning disable CA1819 // Generated code indexes these arrays directly, as constants.
    public long[] L { get; }

    /// <summary>Real numbers.</summary>
    public double[] D { get; }

    /// <summary>Nested blocks' plans.</summary>
    public BlockPlan[] P { get; }
#pragma warning restore CA1819
}
