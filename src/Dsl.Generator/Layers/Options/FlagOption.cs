using System.Collections.Generic;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>A yes/no option such as <c>UseBias</c>.</summary>
internal sealed class FlagOption : LayerOption
{
    public FlagOption(string name, params string[] otherSpellings)
        : base(name, otherSpellings)
    {
    }

    public bool Default { get; init; }

    public override string Expected => "true or false";

    public override ParameterType ExpressionType => ParameterType.Flag;

    public bool Get(LayerSpec layer) => layer.ValueOf(this) is { Integers.Count: > 0 } value ? value.Integers[0] != 0 : Default;

    public override OptionValue? FromAttribute(TypedConstant constant) => OptionValue.Of(constant.Value is true);

    public override OptionValue? FromYaml(YamlTreeNode node, YamlOptionReader reader, string key, string subject) =>
        YamlValues.ReadBoolean(node, out bool value) is { } error ? WrongYaml(reader, node, key, subject, error) : OptionValue.Of(value);

    public override OptionValue FromValues(IReadOnlyList<Value> values) => OptionValue.Of(values[0].AsFlag);

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics) => true;
}
