using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Yaml;

/// <summary>The YAML format's vocabulary: model-level and block-level keys and sections, and a section per layer kind.</summary>
internal static class YamlKeys
{
    public const string Model = "model";
    public const string Block = "block";
    public const string Namespace = "namespace";
    public const string Input = "input";
    public const string Inputs = "inputs";
    public const string Outputs = "outputs";
    public const string Parameters = "parameters";
    public const string Layers = "layers";
    public const string ExpectParameters = "expect_parameters";
    public const string Budget = "budget";
    public const string Rewrites = "rewrites";

    /// <summary>A layer entry that calls an earlier layer again: <c>- reuse: encoder</c>.</summary>
    public const string Reuse = "reuse";

    /// <summary>The layer a reuse calls, in its mapping form.</summary>
    public const string ReuseLayer = "layer";

    /// <summary>A parameter's mapping form: <c>{ type: int, default: 1 }</c>.</summary>
    public const string ParameterType = "type";
    public const string ParameterDefault = "default";

    /// <summary>Keys of a model spec's root mapping, in the order the docs present them.</summary>
    public static readonly IReadOnlyList<string> ModelKeys = new[] { Model, Namespace, Input, Inputs, Layers, Outputs, ExpectParameters, Budget, Rewrites };

    /// <summary>Keys of a block spec's root mapping.</summary>
    public static readonly IReadOnlyList<string> BlockKeys = new[] { Block, Namespace, Parameters, Inputs, Layers, Outputs };

    /// <summary>Keys of a reuse's mapping form.</summary>
    public static readonly IReadOnlyList<string> ReuseKeys = new[] { ReuseLayer, UseArguments.Name, UseArguments.From, UseArguments.Inputs };

    public static readonly IntegerOption Channels = new("channels") { Minimum = int.MinValue };
    public static readonly IntegerOption Height = new("height") { Minimum = int.MinValue };
    public static readonly IntegerOption Width = new("width") { Minimum = int.MinValue };
    public static readonly IntegerOption Steps = new("steps") { Minimum = int.MinValue };
    public static readonly IntegerOption Features = new("features") { Minimum = int.MinValue };
    public static readonly TextOption InputName = new(nameof(InputAttribute.Name));
    public static readonly ChoiceOption<DType> InputDType = new(nameof(InputAttribute.DType), Choices.Of(
        System.Enum.GetValues(typeof(DType)).Cast<DType>().Select(t => (t, DTypes.Name(t), new[] { t.ToString() })), null, null));
    public static readonly IntegerOption Count = new("count") { Minimum = int.MinValue, IsWide = true };

    /// <summary>
    /// <c>input: { channels, height, width }</c>, <c>{ steps, features }</c> or <c>{ features }</c>, with <c>name</c> and
    /// <c>dtype</c>: <c>InputAttribute</c>'s parameters and properties.
    /// </summary>
    public static readonly YamlSection InputSection = new(
        Input, typeof(InputAttribute).FullName!, new LayerOption[] { Channels, Height, Width, Steps, Features, InputName, InputDType }, null);

    /// <summary><c>expect_parameters: 43362</c> or <c>{ count: 43362 }</c>.</summary>
    public static readonly YamlSection ExpectParametersSection = new(
        ExpectParameters, typeof(ExpectParametersAttribute).FullName!, new LayerOption[] { Count }, Count);

    public static readonly IntegerOption MaxParameters = new(nameof(BudgetAttribute.MaxParameters)) { Minimum = 0, IsWide = true };
    public static readonly IntegerOption MaxMultAdds = new(nameof(BudgetAttribute.MaxMultAdds)) { Minimum = 0, IsWide = true };
    public static readonly IntegerOption MaxActivationBytes = new(nameof(BudgetAttribute.MaxActivationBytes)) { Minimum = 0, IsWide = true };
    public static readonly IntegerOption MaxParameterBytes = new(nameof(BudgetAttribute.MaxParameterBytes)) { Minimum = 0, IsWide = true };

    /// <summary><c>budget: { max_parameters: 1_000_000, max_mult_adds: … }</c>: BudgetAttribute's properties.</summary>
    public static readonly YamlSection BudgetSection = new(
        Budget, typeof(BudgetAttribute).FullName!, new LayerOption[] { MaxParameters, MaxMultAdds, MaxActivationBytes, MaxParameterBytes }, null);

    public static readonly FlagOption PoolBeforeActivation = new(nameof(RewritesAttribute.PoolBeforeActivation)) { Default = true };
    public static readonly FlagOption FoldBatchNorm = new(nameof(RewritesAttribute.FoldBatchNorm)) { Default = true };
    public static readonly FlagOption FoldRescaling = new(nameof(RewritesAttribute.FoldRescaling)) { Default = true };

    /// <summary><c>rewrites: { pool_before_activation: false, fold_batch_norm: false, fold_rescaling: false }</c>: RewritesAttribute's properties.</summary>
    public static readonly YamlSection RewritesSection = new(
        Rewrites, typeof(RewritesAttribute).FullName!, new LayerOption[] { PoolBeforeActivation, FoldBatchNorm, FoldRescaling }, null);

    /// <summary>A section per layer kind, named as Keras names its layers.</summary>
    public static IReadOnlyList<YamlSection> LayerSections { get; } = LayerRegistry.All.Select(YamlSection.For).ToList();

    /// <summary>Every section that mirrors a DSL attribute with options: one per layer kind, and the model-level ones.</summary>
    public static IEnumerable<YamlSection> AllSections => LayerSections.Concat(new[] { InputSection, ExpectParametersSection, BudgetSection, RewritesSection });

    /// <summary>
    /// Other spellings people reach for (Keras class names, this DSL's attribute names), used only to suggest
    /// the right name: <c>MaxPool2D</c> → <c>max_pooling2d</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LayerAliases { get; } = LayerRegistry.All
        .SelectMany(kind => kind.Aliases.Select(alias => (alias, kind.KerasName)))
        .GroupBy(pair => pair.alias, System.StringComparer.OrdinalIgnoreCase)
        .ToDictionary(group => group.Key, group => group.First().KerasName, System.StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a layer entry's key names a layer kind (Keras's snake_case names: lowercase letters, digits, '_') rather
    /// than a block (a class name, which C# and this DSL require to have a capital letter, or a dotted full name).
    /// </summary>
    public static bool IsKindKey(string key) => key.Length > 0 && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
