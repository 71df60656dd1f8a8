using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using static Dsl.Generator.Tests.Yaml.YamlAssert;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>Every YAML error is a compiler diagnostic in the YAML file, at the offending line and column.</summary>
public class YamlDiagnosticTests
{
    [Fact]
    public void A_valid_spec_generates_its_class_without_diagnostics()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d: { filters: 8, kernel_size: 3 }
              - flatten
              - dense: { units: 10, activation: softmax }
            """;
        var run = Run(Yaml);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("TestModels.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    // DSL101: malformed YAML, at YamlDotNet's mark.

    [Fact]
    public void Malformed_yaml_is_reported_at_the_parsers_mark()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]: 3
            layers: [flatten]
            """;
        var message = Error(Yaml, "DSL101", 2, 19);
        Assert.StartsWith("Malformed YAML: ", message);
    }

    [Fact]
    public void An_unclosed_flow_list_is_malformed_yaml()
    {
        const string Yaml = "model: Net\ninput: [1, 28, 28\n";
        Error(Yaml, "DSL101", 3, 1);
    }

    [Fact]
    public void A_tab_in_the_indentation_is_malformed_yaml()
    {
        const string Yaml = "model: Net\ninput: [1, 28, 28]\nlayers:\n\t- flatten\n";
        // YamlDotNet marks the enclosing mapping; the diagnostic points at the tab itself.
        var message = Error(Yaml, "DSL101", 4, 1, "\t");
        Assert.Contains("tab", message, System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_alias_without_anchor_is_malformed_yaml()
    {
        const string Yaml = """
            model: Net
            input: *shape
            layers: [flatten]
            """;
        var message = Error(Yaml, "DSL101", 2, 8, "*shape");
        Assert.Contains("'*shape'", message);
    }

    // DSL102: unknown layer kind, with the nearest valid one.

    [Fact]
    public void An_unknown_layer_kind_suggests_the_nearest_one()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2: { filters: 8, kernel_size: 3 }
              - flatten
            """;
        var message = Error(Yaml, "DSL102", 4, 5, "conv2");
        Assert.Contains("did you mean 'conv2d'?", message);
        Assert.Contains("global_average_pooling2d", message);
    }

    [Theory]
    [InlineData("MaxPool2D", "max_pooling2d")]
    [InlineData("AveragePooling2D", "average_pooling2d")]
    [InlineData("batch_norm", "batch_normalization")]
    [InlineData("Flatten", "flatten")]
    [InlineData("dens", "dense")]
    public void Other_spellings_of_layer_kinds_suggest_the_yaml_name(string written, string suggested)
    {
        string yaml = "model: Net\ninput: [1, 28, 28]\nlayers:\n  - " + written + "\n";
        var message = Error(yaml, "DSL102", 4, 5, written);
        Assert.Contains("did you mean '" + suggested + "'?", message);
    }

    // DSL103: unknown key, with the nearest valid one.

    [Fact]
    public void An_unknown_layer_option_suggests_the_nearest_key()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d: { filters: 8, kernal_size: 3 }
              - flatten
            """;
        var message = Error(Yaml, "DSL103", 4, 27, "kernal_size");
        Assert.Contains("did you mean 'kernel_size'?", message);
        Assert.Contains("layer 1 (conv2d)", message);
    }

    [Fact]
    public void An_option_of_another_layer_kind_is_unknown_here()
    {
        const string Yaml = """
            model: Net
            input: [784]
            layers:
              - dense: { units: 10, filters: 3 }
            """;
        var message = Error(Yaml, "DSL103", 4, 25, "filters");
        Assert.Contains("dense's keys are units, activation, use_bias", message);
    }

    [Fact]
    public void An_unknown_model_key_suggests_the_nearest_key()
    {
        const string Yaml = """
            model: Net
            input: [784]
            layer:
              - dense: 10
            """;
        var run = Run(Yaml);
        var message = Error(Yaml, "DSL103", 3, 1, "layer", run);
        Assert.Contains("did you mean 'layers'?", message);
        // The misspelt key also leaves 'layers' missing.
        At(Single(run, "DSL105"), Yaml, 1, 1, "model");
    }

    // DSL104: a value of the wrong type, at the value.

    [Fact]
    public void A_word_where_an_integer_belongs_is_reported_at_the_value()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d: { filters: abc, kernel_size: 3 }
            """;
        var message = Error(Yaml, "DSL104", 4, 24, "abc");
        Assert.Equal("'filters' in layer 1 (conv2d) must be an integer, but is 'abc'", message);
    }

    [Fact]
    public void A_bare_number_is_not_an_input_shape()
    {
        const string Yaml = """
            model: Net
            input: 28
            layers: [flatten]
            """;
        var message = Error(Yaml, "DSL104", 2, 8, "28");
        Assert.Contains("a list [channels, height, width], [steps, features] or [features]", message);
    }

    [Theory]
    [InlineData("use_bias: maybe", "maybe", "true or false")]
    [InlineData("filters: 99999999999", "99999999999", "an integer between -2,147,483,648 and 2,147,483,647")]
    [InlineData("filters: 8.5", "8.5", "an integer")]
    [InlineData("kernel_size: [3, 3, 3]", "[3, 3, 3]", "a list of 3")]
    [InlineData("kernel_size: []", "[]", "a list of 0")]
    [InlineData("kernel_size: [3, x]", "x", "A value of 'kernel_size' in layer 1 (conv2d) must be an integer")]
    [InlineData("padding: sme", "sme", "did you mean 'same'?")]
    [InlineData("activation: rellu", "rellu", "did you mean 'relu'?")]
    [InlineData("filters: \"8\"", "\"8\"", "(quoted, so a string)")]
    [InlineData("filters: { n: 8 }", "{ n: 8 }", "but is a mapping")]
    public void Wrong_option_values_are_reported_at_the_value(string option, string value, string expected)
    {
        string yaml = "model: Net\ninput: [1, 28, 28]\nlayers:\n  - conv2d: { kernel_size: 3, filters: 8, " + option + " }\n";
        // Later keys override nothing: a repeated key would be DSL106, so drop the default when the option repeats one.
        yaml = option.StartsWith("filters", System.StringComparison.Ordinal) ? yaml.Replace("filters: 8, ", string.Empty, System.StringComparison.Ordinal)
            : option.StartsWith("kernel_size", System.StringComparison.Ordinal) ? yaml.Replace("kernel_size: 3, ", string.Empty, System.StringComparison.Ordinal)
            : yaml;
        int column = yaml.Split('\n')[3].IndexOf(value, System.StringComparison.Ordinal) + 1;
        var message = Error(yaml, "DSL104", 4, column, value);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("rate: .nan", ".nan", "a finite number")]
    [InlineData("rate: 1e999", "1e999", "a finite number")]
    [InlineData("rate: fast", "fast", "a number")]
    public void Dropout_rates_must_be_finite_numbers(string option, string value, string expected)
    {
        string yaml = "model: Net\ninput: [784]\nlayers:\n  - dropout: { " + option + " }\n";
        var message = Error(yaml, "DSL104", 4, 22, value);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("expect_parameters: abc", 20, "abc", "'expect_parameters' must be an integer, but is 'abc'")]
    [InlineData("expect_parameters:", 1, "expect_parameters", "'expect_parameters' must be an integer, but is empty")]
    [InlineData("expect_parameters: { count: 1.5 }", 29, "1.5", "'count' in 'expect_parameters' must be an integer")]
    public void Expected_parameter_counts_must_be_integers(string line, int column, string value, string expected)
    {
        string yaml = "model: Net\ninput: [784]\nlayers: [{ dense: 10 }]\n" + line + "\n";
        var message = Error(yaml, "DSL104", 4, column, value);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void A_layer_without_options_rejects_a_value()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - flatten: 3
            """;
        var message = Error(Yaml, "DSL104", 4, 14, "3");
        // Flatten has no options of its own: only the name and input every layer may give.
        Assert.Contains("must be a mapping of its options (name, from)", message);
    }

    [Fact]
    public void An_empty_layer_list_is_reported_at_the_list()
    {
        const string Yaml = "model: Net\ninput: [784]\nlayers: []\n";
        var message = Error(Yaml, "DSL104", 3, 9, "[]");
        Assert.Contains("a list of layers, but is an empty list", message);
    }

    // DSL105: a required key is missing.

    [Theory]
    [InlineData("model", "input: [784]\nlayers: [flatten]\n")]
    [InlineData("input", "model: Net\nlayers: [flatten]\n")]
    [InlineData("layers", "model: Net\ninput: [784]\n")]
    public void A_missing_model_key_is_reported_at_the_start_of_the_spec(string key, string yaml)
    {
        var message = Error(yaml, "DSL105", 1, 1, yaml.Substring(0, yaml.IndexOf(':', System.StringComparison.Ordinal)));
        Assert.Contains("missing the required key '" + key + "'", message);
    }

    [Fact]
    public void A_missing_layer_option_is_reported_at_the_layer_kind()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d: 8
              - flatten
            """;
        var message = Error(Yaml, "DSL105", 4, 5, "conv2d");
        Assert.Equal("Layer 1 (conv2d) is missing the required key 'kernel_size'", message);
    }

    [Fact]
    public void An_empty_file_is_not_a_spec()
    {
        var message = Error("# nothing yet\n", "DSL104", 1, 1);
        Assert.Contains("but is empty", message);
    }

    // DSL106: a key given twice.

    [Fact]
    public void A_repeated_option_is_reported_at_the_repeat()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d:
                  filters: 8
                  kernel_size: 3
                  filters: 16
            """;
        var message = Error(Yaml, "DSL106", 7, 7, "filters");
        Assert.Contains("repeats 'filters' from line 5", message);
    }

    [Fact]
    public void Stride_and_strides_set_the_same_option()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d: { filters: 8, kernel_size: 3, stride: 1, strides: [2, 2] }
            """;
        var message = Error(Yaml, "DSL106", 4, 54, "strides");
        Assert.Contains("'strides' in layer 1 (conv2d) repeats 'stride'", message);
    }

    [Fact]
    public void A_repeated_model_key_is_reported()
    {
        const string Yaml = "model: Net\ninput: [784]\nmodel: Other\nlayers: [flatten]\n";
        Error(Yaml, "DSL106", 3, 1, "model");
    }

    // DSL107: two specs declare the same class.

    [Fact]
    public void Two_specs_with_one_name_are_both_reported_and_neither_is_generated()
    {
        const string First = "model: Net\ninput: [784]\nlayers: [{ dense: 10 }]\n";
        const string Second = "# the same name again\nmodel: Net\ninput: [784]\nlayers: [{ dense: 20 }]\n";
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("A.model.yaml", First), GeneratorHarness.Yaml("B.model.yaml", Second) });
        run.AssertGeneratorHealthy();
        var duplicates = run.GeneratorDiagnostics.Where(d => d.Id == "DSL107").OrderBy(d => d.Location.GetLineSpan().Path).ToList();
        Assert.Equal(2, duplicates.Count);
        At(duplicates[0], First, 1, 8, "Net", "/project/Models/A.model.yaml");
        At(duplicates[1], Second, 2, 8, "Net", "/project/Models/B.model.yaml");
        Assert.Contains("/project/Models/B.model.yaml", duplicates[0].GetMessage());
        Assert.Contains("/project/Models/A.model.yaml", duplicates[1].GetMessage());
        NoModel(run);
        Assert.DoesNotContain("TestModels.Net", run.GeneratedSources[CatalogEmitter.HintName]);
    }

    [Fact]
    public void Specs_with_one_name_in_different_namespaces_are_both_generated()
    {
        const string First = "model: Net\nnamespace: A\ninput: [784]\nlayers: [{ dense: 10 }]\n";
        const string Second = "model: Net\nnamespace: B\ninput: [784]\nlayers: [{ dense: 20 }]\n";
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("A.model.yaml", First), GeneratorHarness.Yaml("B.model.yaml", Second) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("A.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("B.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
    }

    // DSL108: the class name is not a usable C# name.

    [Theory]
    [InlineData("1Net", "starts with a letter")]
    [InlineData("My-Net", "starts with a letter")]
    [InlineData("class", "is a C# keyword")]
    [InlineData("record", "lowercase ASCII letters")]
    [InlineData("net", "lowercase ASCII letters")]
    [InlineData("Summary", "CS0542")]
    [InlineData("dense_1", "CS0542")]
    public void An_unusable_class_name_is_reported_at_the_name(string name, string reason)
    {
        string yaml = "model: " + name + "\ninput: [784]\nlayers: [{ dense: 10 }]\n";
        var message = Error(yaml, "DSL108", 1, 8, name);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void A_class_name_must_be_text()
    {
        const string Yaml = "model: [Net]\ninput: [784]\nlayers: [flatten]\n";
        Error(Yaml, "DSL104", 1, 8, "[Net]");
    }

    // DSL109: the namespace is not a C# namespace.

    [Theory]
    [InlineData("My-App", "'My-App' is not a C# identifier")]
    [InlineData("Samples..Mnist", "empty part")]
    [InlineData("Samples.class", "'class' is a C# keyword")]
    public void An_invalid_namespace_is_reported_at_the_namespace(string ns, string reason)
    {
        string yaml = "model: Net\nnamespace: " + ns + "\ninput: [784]\nlayers: [{ dense: 10 }]\n";
        var message = Error(yaml, "DSL109", 2, 12, ns);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void An_invalid_root_namespace_is_reported_at_the_model_name()
    {
        const string Yaml = "model: Net\ninput: [784]\nlayers: [{ dense: 10 }]\n";
        var run = Run(Yaml, globalOptions: new Dictionary<string, string> { [DefaultNamespace.RootNamespaceProperty] = "My App" });
        var message = Error(Yaml, "DSL109", 1, 8, "Net", run);
        Assert.Contains("from the project's RootNamespace", message);
    }

    // DSL110: the same class from YAML and from attributes.

    [Fact]
    public void A_yaml_model_named_like_an_attribute_model_is_reported_and_not_generated()
    {
        const string Yaml = "model: Net\nnamespace: Models\ninput: [784]\nlayers: [{ dense: 10 }]\n";
        const string Attributes = "using Dsl;\nnamespace Models;\n[Input(784)]\n[Dense(10)]\npublic partial class Net;\n";
        var run = Run(Yaml, sources: new[] { Attributes });
        Error(Yaml, "DSL110", 1, 8, "Net", run);
        // The attribute model is generated; its hint name cannot collide with a YAML one.
        Assert.Contains("Models.Net.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_nested_attribute_model_does_not_clash_with_a_top_level_yaml_model()
    {
        const string Yaml = "model: Net\nnamespace: Models\ninput: [784]\nlayers: [{ dense: 10 }]\n";
        const string Attributes = "using Dsl;\nnamespace Models;\npublic partial class Outer\n{\n    [Input(784)]\n    [Dense(10)]\n    public partial class Net;\n}\n";
        var run = Run(Yaml, sources: new[] { Attributes });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Models.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
    }

    // DSL111: a layer entry that is not "kind" or "kind: options".

    [Fact]
    public void Options_indented_like_the_kind_are_a_malformed_entry()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d:
                filters: 8
                kernel_size: 3
              - flatten
            """;
        var message = Error(Yaml, "DSL111", 4, 5, "conv2d:\n    filters: 8\n    kernel_size: 3");
        Assert.Contains("indent the options under 'conv2d'", message);
    }

    [Theory]
    [InlineData("  -\n", 4, 4, "it is empty")]
    [InlineData("  - [conv2d]\n", 4, 5, "it is a list")]
    [InlineData("  - {}\n", 4, 5, "it is an empty mapping")]
    public void Entries_that_name_no_layer_are_malformed(string entry, int line, int column, string reason)
    {
        string yaml = "model: Net\ninput: [784]\nlayers:\n" + entry + "  - dense: 10\n";
        var message = Error(yaml, "DSL111", line, column);
        Assert.Contains("Layer 1 ", message);
        Assert.Contains(reason, message);
    }

    // DSL112: YAML the format does not support.

    [Fact]
    public void A_second_document_is_not_supported()
    {
        const string Yaml = "model: Net\ninput: [784]\nlayers: [flatten]\n---\nmodel: Other\n";
        var message = Error(Yaml, "DSL112", 4, 1, "---");
        Assert.Contains("a second YAML document", message);
    }

    [Fact]
    public void Deep_nesting_is_not_supported_and_does_not_overflow_the_stack()
    {
        string yaml = "model: Net\ninput: " + new string('[', 100_000) + new string(']', 100_000) + "\nlayers: [flatten]\n";
        var message = Error(yaml, "DSL112", 2, 8 + YamlTreeReader.MaxDepth - 1, "[");
        Assert.Contains("nesting deeper than", message);
    }

    // The model checks of the attribute form, located at the YAML layer entry or key.

    [Fact]
    public void A_kernel_larger_than_its_input_is_reported_at_the_layer_entry()
    {
        const string Yaml = """
            model: Net
            input: [1, 2, 2]
            layers:
              - conv2d: { filters: 8, kernel_size: 3 }
            """;
        var message = Error(Yaml, "DSL003", 4, 5, "conv2d: { filters: 8, kernel_size: 3 }");
        Assert.Contains("'conv2d_1' has a 3x3 kernel but its input is only 2x2", message);
    }

    [Fact]
    public void A_block_style_layer_entry_is_located_over_all_its_lines()
    {
        const string Yaml = """
            model: Net
            input: [1, 2, 2]
            layers:
              - conv2d:
                  filters: 8
                  kernel_size: 3
            """;
        Error(Yaml, "DSL003", 4, 5, "conv2d:\n      filters: 8\n      kernel_size: 3");
    }

    [Fact]
    public void A_wrong_parameter_count_is_reported_at_expect_parameters()
    {
        const string Yaml = """
            model: Net
            input: [784]
            layers:
              - dense: { units: 10, activation: softmax }
            expect_parameters: 7_840
            """;
        var message = Error(Yaml, "DSL008", 5, 1, "expect_parameters: 7_840");
        Assert.Equal("Model 'Net' has 7,850 parameters but ExpectParameters says 7,840 (difference +10)", message);
    }

    [Theory]
    [InlineData("input: [784]", "  - conv2d: { filters: 8, kernel_size: 3 }", "DSL004")]
    [InlineData("input: [784]", "  - dropout: 1.5", "DSL006")]
    [InlineData("input: [784]", "  - dense: 0", "DSL007")]
    [InlineData("input: [1, 28, 28]", "  - max_pooling2d: { pool_size: 2, stride: -1 }", "DSL007")]
    public void Model_checks_are_reported_at_the_layer_entry(string input, string layer, string id)
    {
        string yaml = "model: Net\n" + input + "\nlayers:\n" + layer + "\n";
        Error(yaml, id, 4, 5, layer.Substring(4));
    }

    [Fact]
    public void A_wrong_input_rank_is_reported_at_the_input()
    {
        const string Yaml = "model: Net\ninput: [1, 28, 28, 1]\nlayers: [flatten]\n";
        Error(Yaml, "DSL012", 2, 8, "[1, 28, 28, 1]");
    }

    [Fact]
    public void Softmax_before_the_last_layer_warns_at_the_entry_and_still_generates()
    {
        const string Yaml = """
            model: Net
            input: [784]
            layers:
              - dense: { units: 32, activation: softmax }
              - dense: 10
            """;
        var run = Run(Yaml);
        var warning = Single(run, "DSL011");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        At(warning, Yaml, 4, 5, "dense: { units: 32, activation: softmax }");
        Assert.Contains("TestModels.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
    }

    // Spans are exact character offsets, whatever the line endings and characters before them.

    [Fact]
    public void Locations_are_exact_with_crlf_line_endings()
    {
        const string Yaml = "model: Net\r\ninput: [1, 28, 28]\r\nlayers:\r\n  - conv2d: { filters: abc, kernel_size: 3 }\r\n";
        Error(Yaml, "DSL104", 4, 24, "abc");
    }

    [Fact]
    public void Locations_are_exact_after_characters_outside_the_basic_plane()
    {
        // The emoji is two UTF-16 code units; columns count code units, as Roslyn's do.
        const string Yaml = "model: Net # 😀 model\ninput: [1, 28, 28]\nlayers:\n  - conv2d: { \"😀\": 1, filters: abc, kernel_size: 3 }\n";
        var run = Run(Yaml);
        At(Single(run, "DSL103"), Yaml, 4, 15, "\"😀\"");
        At(Single(run, "DSL104"), Yaml, 4, 33, "abc");
    }

    [Fact]
    public void Every_problem_in_a_spec_is_reported_not_just_the_first()
    {
        const string Yaml = """
            model: Net
            input: [1, 28, 28]
            layers:
              - conv2d: { filters: abc, kernel_size: 3 }
              - pool: 2
              - dense: { units: 10, activation: softmaxx }
            """;
        var run = Run(Yaml);
        Assert.Equal(new[] { "DSL102", "DSL104", "DSL104" }, run.GeneratorDiagnostics.Select(d => d.Id).OrderBy(id => id));
        NoModel(run);
    }
}
