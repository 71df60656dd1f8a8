using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Dsl.Generator.Parsing;
using Dsl.Generator.Shapes;
using Dsl.Generator.Yaml;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// The YAML key table cannot drift from the attributes: every constructor parameter and settable property of
/// every DSL attribute has a YAML key (its snake_case name), and every YAML key is one of those.
/// </summary>
public class YamlKeyTableTests
{
    private static readonly Type[] Attributes = typeof(Dsl.InputAttribute).Assembly.GetTypes()
        .Where(t => t.IsPublic && t.Namespace == "Dsl" && typeof(Attribute).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_attribute_has_exactly_one_yaml_section()
    {
        Assert.Equal(10, Attributes.Length);
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
                section.Keys.Select(k => k.Name).OrderBy(k => k, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Every_yaml_key_accepts_the_type_of_its_attribute_option()
    {
        foreach (var attribute in Attributes)
        {
            var options = Options(attribute);
            foreach (var key in YamlKeys.AllSections.Single(s => s.AttributeName == attribute.FullName).Keys)
            {
                var type = options[key.Name];
                var accepted = key.Kind switch
                {
                    YamlValueKind.Integer => new[] { typeof(int) },
                    YamlValueKind.Long => new[] { typeof(long) },
                    YamlValueKind.IntegerOrPair => new[] { typeof(int), typeof(int[]) },
                    YamlValueKind.Number => new[] { typeof(double) },
                    YamlValueKind.Boolean => new[] { typeof(bool) },
                    YamlValueKind.Padding => new[] { typeof(Dsl.Padding) },
                    YamlValueKind.Activation => new[] { typeof(Dsl.Activation) },
                    _ => Array.Empty<Type>(),
                };
                Assert.True(accepted.Contains(type), attribute.Name + "." + key.Name + " is " + type.Name + " but the YAML key reads " + key.Kind);
            }
        }
    }

    [Fact]
    public void Layer_kinds_are_kerass_names_of_the_attribute_layers()
    {
        Assert.Equal(AttributeNames.Layers.Count, YamlKeys.LayerSections.Count);
        foreach (var section in YamlKeys.LayerSections)
        {
            var kind = AttributeNames.Layers[section.AttributeName];
            Assert.Equal(kind, section.Layer);
            Assert.Equal(KerasNames.Prefix(kind), section.Name);
        }
    }

    [Fact]
    public void Main_and_required_keys_are_keys_of_their_section()
    {
        foreach (var section in YamlKeys.AllSections)
        {
            if (section.MainKey is not null)
                Assert.NotNull(section.Find(section.MainKey));
            Assert.All(section.Required, key => Assert.NotNull(section.Find(key)));
        }
    }

    [Fact]
    public void Every_activation_and_padding_has_a_yaml_spelling_in_the_same_order()
    {
        Assert.Equal(Enum.GetValues<Dsl.Activation>().Length, YamlValues.ActivationNames.Count);
        foreach (var value in Enum.GetValues<Dsl.Activation>())
        {
            // The canonical spelling and the C# name (LeakyReLU, case-insensitively) both read as the same value.
            foreach (var spelling in new[] { YamlValues.ActivationNames[(int)value], value.ToString(), value.ToString().ToUpperInvariant() })
            {
                Assert.Null(YamlValues.ReadActivation(Scalar(spelling), out int read, out _));
                Assert.Equal((int)value, read);
            }
        }
        Assert.Equal(Enum.GetValues<Dsl.Padding>().Length, YamlValues.PaddingNames.Count);
        foreach (var value in Enum.GetValues<Dsl.Padding>())
        {
            Assert.Null(YamlValues.ReadPadding(Scalar(value.ToString()), out int read, out _));
            Assert.Equal((int)value, read);
        }
    }

    [Theory]
    [InlineData("kernelSize", "kernel_size")]
    [InlineData("UseBias", "use_bias")]
    [InlineData("Filters", "filters")]
    [InlineData("poolSize", "pool_size")]
    public void Snake_case_is_what_the_format_says(string name, string snake) => Assert.Equal(snake, SnakeCase(name));

    /// <summary>Constructor parameters and publicly settable properties, by snake_case name, with their types.</summary>
    private static Dictionary<string, Type> Options(Type attribute)
    {
        var options = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var parameter in attribute.GetConstructors().SelectMany(c => c.GetParameters()))
            options[SnakeCase(parameter.Name!)] = parameter.ParameterType;
        foreach (var property in attribute.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            options[SnakeCase(property.Name)] = property.PropertyType;
        return options;
    }

    private static string SnakeCase(string name)
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

    private static YamlScalarNode Scalar(string value) => new(value, isPlain: true, tag: string.Empty, new YamlPosition(1, 1), new YamlPosition(1, 1 + value.Length));
}
