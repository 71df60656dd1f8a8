using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// One option of a layer kind: the attribute members that set it (its spellings, canonical first), the YAML keys
/// (their snake_case), whether YAML must give it, and how a given value is checked. Both front ends bind options through
/// these objects, so a name cannot differ between attributes and YAML; and each type of option reads its own values
/// (from an attribute's constant, from YAML, from a block's expressions), so a new type of value is a new subclass, not
/// a case in each front end.
/// </summary>
internal abstract class LayerOption
{
    protected LayerOption(string name, string[] otherSpellings)
    {
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

    /// <summary>Whether a YAML layer must give it (the attribute's constructor always does).</summary>
    public bool IsRequired { get; init; }

    /// <summary>The names a choice (<see cref="ChoiceOption{TEnum}"/>) accepts; null for other options.</summary>
    public virtual Choices? Choices => null;

    /// <summary>What the value should be, as a message puts it for YAML: <c>an integer or a list [height, width]</c>.</summary>
    public abstract string Expected { get; }

    /// <summary>The value an attribute's argument gives (a constant of the member's type); null for a null constant, an option left unset.</summary>
    public abstract OptionValue? FromAttribute(TypedConstant constant);

    /// <summary>
    /// The value a YAML node gives (a constant: expressions are read before, by <see cref="YamlOptionReader"/>); null
    /// after reporting, through <paramref name="reader"/> and at the node, a value of the wrong type.
    /// </summary>
    public abstract OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject);

    /// <summary>The type an expression for it computes (each item's, for a list); null for a name, which cannot read a block's parameters.</summary>
    public virtual ParameterType? ExpressionType => null;

    /// <summary>Whether a value may be a list (one expression per item).</summary>
    public virtual bool TakesList => false;

    /// <summary>The constant that a block's evaluated expressions give it: one value, or one per item of a list.</summary>
    public virtual OptionValue FromValues(IReadOnlyList<Value> values) => OptionValue.Of(values[0].Integer);

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

    /// <summary>Reports a YAML value of the wrong type: a number or an integer where another was read is said as <see cref="Expected"/>; returns null.</summary>
    protected OptionValue? WrongYaml(YamlOptionReader reader, YamlTreeNode node, string key, string subject, string error, string? suggestion = null)
    {
        reader.ReportValue(node, key, subject, error == "an integer" || error == "a number" ? Expected : error, suggestion);
        return null;
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
