using System;

namespace Dsl;

/// <summary>
/// Applies a block (<see cref="BlockAttribute"/>) as a layer: <c>[Use(typeof(Bottleneck), "filters: 64", Repeat = 3)]</c>.
/// The use becomes one nested TorchSharp module, a field named like the use, so its weights' state-dict keys read
/// <c>conv2_block1.conv2d_1.weight</c>; its summary row is the block's name with its totals.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UseAttribute : LayerAttribute
{
    /// <param name="block">The block's class.</param>
    /// <param name="arguments">Its parameters' values, as YAML writes them: <c>"filters: 64, stride: 2"</c>.</param>
    public UseAttribute(Type block, string arguments = "")
    {
        Block = block;
        Arguments = arguments;
    }

    /// <param name="block">The block's name (a block declared in YAML has no class to name with <c>typeof</c> in C#).</param>
    /// <param name="arguments">Its parameters' values, as YAML writes them: <c>"filters: 64, stride: 2"</c>.</param>
    public UseAttribute(string block, string arguments = "")
    {
        BlockName = block;
        Arguments = arguments;
    }

    /// <summary>The block's class, when named by type.</summary>
    public Type? Block { get; }

    /// <summary>The block's name, when named by string.</summary>
    public string? BlockName { get; }

    /// <summary>The parameters' values for every copy.</summary>
    public string Arguments { get; }

    /// <summary>
    /// How many copies to chain, each taking the previous one's output (a ResNet stage is one use with Repeat = 3). The
    /// copies of a use named <c>conv2</c> are <c>conv2_block1</c>, <c>conv2_block2</c>, … and <c>conv2</c> names the
    /// last one's output. Default 1.
    /// </summary>
    public int Repeat { get; set; } = 1;

    /// <summary>Values for the first copy only, over <see cref="Arguments"/>: the stride-2 first block of a stage.</summary>
    public string? First { get; set; }

    /// <summary>Values for every copy but the first, over <see cref="Arguments"/>.</summary>
    public string? Rest { get; set; }

    /// <summary>For a block with several inputs: the layers it takes them from, in the block's order.</summary>
    public string[]? Inputs { get; set; }
}

public readonly partial struct LayerKind
{
    /// <summary>A use of a block (<see cref="UseAttribute"/>); its layers are the entry's children.</summary>
    public static LayerKind Block { get; } = new(nameof(Block));
}
