using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// One option of a layer kind: the attribute members that set it (its spellings, canonical first), the YAML keys
/// (their snake_case), the type of value, whether YAML must give it, and how a given value is checked. Both front
/// ends bind options through these objects, so a name cannot differ between attributes and YAML.
/// </summary>
internal abstract class LayerOption
{
    protected LayerOption(OptionType type, string name, string[] otherSpellings)
    {
        Type = type;
        Spellings = new[] { name }.Concat(otherSpellings).ToArray();
        YamlKeys = Spellings.Select(SnakeCase).ToArray();
    }

    /// <summary>The canonical name: the attribute member (<c>KernelSize</c>), also used in messages.</summary>
    public string Name => Spellings[0];

    /// <summary>
    /// Attribute members (properties or constructor parameters, matched ignoring case) that set the option. When
    /// several are given on one attribute, an array wins over a single value (<c>Strides</c> over <c>Stride</c>), then
    /// the first in this list.
    /// </summary>
    public IReadOnlyList<string> Spellings { get; }

    /// <summary>The YAML keys: snake_case of <see cref="Spellings"/> (<c>kernel_size</c>; <c>strides</c>, <c>stride</c>).</summary>
    public IReadOnlyList<string> YamlKeys { get; }

    public OptionType Type { get; }

    /// <summary>Whether a YAML layer must give it (the attribute's constructor always does).</summary>
    public bool IsRequired { get; init; }

    /// <summary>The names a <see cref="OptionType.Choice"/> option accepts; null for other types.</summary>
    public virtual Choices? Choices => null;

    /// <summary>What the value should be, as a message puts it for YAML: <c>an integer or a list [height, width]</c>.</summary>
    public abstract string Expected { get; }

    /// <summary>
    /// The value as the option keeps it, or null when the value means "not given" (a pooling stride of 0 means
    /// the pool size).
    /// </summary>
    public virtual OptionValue? Normalize(OptionValue value) => value;

    /// <summary>Reports (at the layer) what is wrong with a given value; true when nothing is.</summary>
    public abstract bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics);

    protected bool Invalid(string constraint, object actual, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics)
    {
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, location, Name, layer, constraint, actual));
        return false;
    }

    public override string ToString() => Name;

    /// <summary><c>KernelSize</c> → <c>kernel_size</c>, <c>poolSize</c> → <c>pool_size</c>, <c>DilationRate</c> → <c>dilation_rate</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
