using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Yaml;

/// <summary>
/// A YAML construct that mirrors one DSL attribute: a layer kind (<c>conv2d</c>), <c>input</c> or
/// <c>expect_parameters</c>. Its keys are its options' YAML keys, the snake_case names of the attribute's
/// constructor parameters and settable properties (a test checks this by reflection); a bare value sets
/// <see cref="MainOption"/>.
/// </summary>
internal sealed record YamlSection(string Name, string AttributeName, IReadOnlyList<LayerOption> Options, LayerOption? MainOption, LayerDefinition? Kind = null)
{
    /// <summary>A layer kind's section, built from its description.</summary>
    public static YamlSection For(LayerDefinition kind) => new(kind.KerasName, kind.AttributeName, kind.Options, kind.MainOption, kind);

    /// <summary>Every key, in the order the options are declared.</summary>
    public IReadOnlyList<string> Keys => Options.SelectMany(o => o.YamlKeys).ToList();

    public LayerOption? Find(string key) => Options.FirstOrDefault(o => o.YamlKeys.Contains(key));
}
