using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Yaml;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// The kinds' descriptions cannot drift from the attributes: every constructor parameter and settable property of
/// every DSL attribute is an option with a YAML key (its snake_case name), every option is one of those, of a type
/// that reads the member's type, and every layer kind has its attribute and its <c>LayerKind</c> value.
/// </summary>
public class YamlKeyTableTests
{
    /// <summary>
    /// The graph-level attributes, which YAML spells as the structure of a spec rather than as a section of options:
    /// <c>block:</c> and its <c>inputs:</c>, <c>parameters:</c>, <c>outputs:</c>, a block use's entry keyed by its block,
    /// and <c>reuse:</c>. Their keys are checked by the YAML parser's own tests.
    /// </summary>
    private static readonly Type[] GraphAttributes = { typeof(BlockAttribute), typeof(ParamAttribute), typeof(OutputAttribute), typeof(UseAttribute), typeof(ReuseAttribute) };

    /// <summary>The attributes as the generator compiles them (the runtime's own source files, linked), but the graph-level ones.</summary>
    private static readonly Type[] Attributes = typeof(InputAttribute).Assembly.GetTypes()
        .Where(t => t.IsPublic && !t.IsAbstract && t.Namespace == "Dsl" && typeof(Attribute).IsAssignableFrom(t) && !GraphAttributes.Contains(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_attribute_has_exactly_one_yaml_section()
    {
        // One per layer kind, and Input, ExpectParameters, Budget and Rewrites.
        Assert.Equal(LayerRegistry.All.Count + 4, Attributes.Length);
        Assert.Equal(
            Attributes.Select(t => t.FullName),
            YamlKeys.AllSections.Select(s => s.AttributeName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_attribute_option_is_a_yaml_key_and_every_yaml_key_an_attribute_option()
    {
        foreach (var attribute in Attributes)
        {
            var section = YamlKeys.AllSections.Single(s => s.AttributeName == attribute.FullName);
            Assert.Equal(
                Options(attribute).Keys.OrderBy(k => k, StringComparer.Ordinal),
                section.Options.Where(o => o is not WrappedLayerOption).SelectMany(o => o.YamlKeys).OrderBy(k => k, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// A wrapper's layer is no attribute member: the attribute form takes it from the layer attribute on the next line (or
    /// the options text), so every wrapper has exactly one such option and a constructor for its options text.
    /// </summary>
    [Fact]
    public void Wrapped_layers_come_from_the_next_attribute_or_the_options_text()
    {
        var wrappers = LayerRegistry.All.Where(k => k.Options.OfType<WrappedLayerOption>().Any()).ToList();
        Assert.Equal(new[] { "Bidirectional", "TimeDistributed" }, wrappers.Select(k => k.Kind));
        foreach (var kind in wrappers)
        {
            Assert.Single(kind.Options.OfType<WrappedLayerOption>(), o => o.FromNextAttribute);
            var attribute = Attributes.Single(t => t.FullName == kind.AttributeName);
            Assert.Contains(attribute.GetConstructors(), c => c.GetParameters() is [{ Name: "options" }]);
            Assert.All(kind.Options.OfType<WrappedLayerOption>(), o => Assert.DoesNotContain(o.YamlKeys[0], Options(attribute).Keys));
        }
    }

    [Fact]
    public void Every_yaml_key_accepts_the_type_of_its_attribute_option()
    {
        foreach (var attribute in Attributes)
        {
            var options = Options(attribute);
            var section = YamlKeys.AllSections.Single(s => s.AttributeName == attribute.FullName);
            foreach (var option in section.Options.Where(o => o is not WrappedLayerOption))
            {
                foreach (var key in option.YamlKeys)
                {
                    var type = options[key];
                    // A new type of option states here the member types it reads.
                    var accepted = option switch
                    {
                        IntegerOption { IsWide: true } => new[] { typeof(long) },
                        IntegerOption => new[] { typeof(int) },
                        IntegersOption => new[] { typeof(int), typeof(int[]) },
                        NumberOption => new[] { typeof(double) },
                        NumbersOption => new[] { typeof(double), typeof(double[]) },
                        FlagOption => new[] { typeof(bool) },
                        TextOption => new[] { typeof(string) },
                        TextsOption => new[] { typeof(string[]) },
                        _ when option.Choices is { } choices => new[] { choices.EnumType },
                        _ => Array.Empty<Type>(),
                    };
                    Assert.True(accepted.Contains(type), attribute.Name + "." + key + " is " + type.Name + " but the option is a " + option.GetType().Name);
                }
            }
        }
    }

    [Fact]
    public void Every_kind_has_its_attribute_its_layer_kind_value_and_its_keras_name_as_yaml_key()
    {
        foreach (var kind in LayerRegistry.All)
        {
            var attribute = Attributes.Single(t => t.FullName == kind.AttributeName);
            Assert.Equal(kind.Kind + "Attribute", attribute.Name);
            Assert.Contains(LayerKind.All, k => k.Name == kind.Kind);
            Assert.Equal(kind.KerasName, YamlSection.For(kind).Name);
            Assert.Same(kind, LayerRegistry.FindYaml(kind.KerasName));
            Assert.Same(kind, LayerRegistry.Get(kind.Kind));
        }
        // Every kind but Block, the kind of a block use's entry, which no description defines.
        Assert.Equal(LayerKind.All.Where(k => k != LayerKind.Block).Select(k => k.Name).OrderBy(n => n, StringComparer.Ordinal), LayerRegistry.All.Select(k => k.Kind).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Main_and_required_options_are_options_of_their_section()
    {
        foreach (var section in YamlKeys.AllSections)
        {
            if (section.MainOption is { } main)
                Assert.Contains(main, section.Options);
            Assert.All(section.Options.Where(o => o.IsRequired), option => Assert.Contains(option, section.Options));
        }
    }

    [Fact]
    public void Every_activation_and_padding_has_a_yaml_spelling()
    {
        foreach (var value in Enum.GetValues<Activation>())
        {
            // The Keras spelling and the C# name (LeakyReLU, case-insensitively) both read as the same value.
            foreach (var spelling in new[] { Activations.KerasName(value), value.ToString(), value.ToString().ToUpperInvariant() })
            {
                Assert.Null(YamlValues.ReadChoice(Scalar(spelling), Activations.Choices, out int read, out _));
                Assert.Equal((int)value, read);
            }
        }
        foreach (var value in Enum.GetValues<Padding>())
        {
            Assert.Null(YamlValues.ReadChoice(Scalar(value.ToString()), CommonOptions.Padding.Choices, out int read, out _));
            Assert.Equal((int)value, read);
        }
    }

    [Fact]
    public void Every_activation_has_a_torchsharp_form()
    {
        Assert.Equal(Enum.GetValues<Activation>(), Activations.All.OrderBy(a => a));
        foreach (var value in Enum.GetValues<Activation>())
            Assert.Contains("x", Activations.Apply(value, "x", 1), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Activations.Apply((Activation)999, "x", 1));
    }

    [Theory]
    [InlineData("kernelSize", "kernel_size")]
    [InlineData("UseBias", "use_bias")]
    [InlineData("Filters", "filters")]
    [InlineData("poolSize", "pool_size")]
    [InlineData("DilationRate", "dilation_rate")]
    public void Snake_case_is_what_the_format_says(string name, string snake) => Assert.Equal(snake, LayerOption.SnakeCase(name));

    /// <summary>
    /// Constructor parameters and publicly settable properties, by snake_case name, with their types; but the text form's
    /// <c>options</c>, which holds the others as YAML.
    /// </summary>
    private static Dictionary<string, Type> Options(Type attribute)
    {
        var options = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var parameter in attribute.GetConstructors().SelectMany(c => c.GetParameters()).Where(p => p.Name != "options"))
            options[LayerOption.SnakeCase(parameter.Name!)] = parameter.ParameterType;
        foreach (var property in attribute.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            options[LayerOption.SnakeCase(property.Name)] = property.PropertyType;
        return options;
    }

    private static YamlScalarNode Scalar(string value) => new(value, isPlain: true, tag: string.Empty, new YamlPosition(1, 1), new YamlPosition(1, 1 + value.Length));
}
