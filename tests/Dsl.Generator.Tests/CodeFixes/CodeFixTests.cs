using System.Threading.Tasks;
using Dsl.CodeFixes;

namespace Dsl.Generator.Tests.CodeFixes;

/// <summary>
/// Each code fix on the diagnostic it is for: the source a user has (the diagnostic's span marked), and the source
/// after the fix, on which the generator then reports nothing. The framework also applies each fix to all its
/// diagnostics at once (in the document, the project, the solution) and expects the same result.
/// </summary>
public class CodeFixTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    private const string ResBlock = """
        [Block]
        [Param("filters", typeof(int))]
        [Conv2D("filters: $filters, kernel_size: 3, padding: same")]
        [Add("input", "conv2d_1")]
        public partial class ResBlock;

        """;

    [Fact]
    public Task DSL008_sets_the_expected_count_to_the_computed_one() => FixTest<ExpectedCountFix>.Check(
        Usings + "[Input(4)]\n[Dense(2)]\n[{|DSL008:ExpectParameters(1)|}]\npublic partial class Net;\n",
        Usings + "[Input(4)]\n[Dense(2)]\n[ExpectParameters(10)]\npublic partial class Net;\n");

    [Fact]
    public Task DSL008_keeps_digit_groups_when_the_count_had_them() => FixTest<ExpectedCountFix>.Check(
        Usings + "[Input(1, 28, 28)]\n[Flatten]\n[Dense(55)]\n[{|DSL008:ExpectParameters(1_000)|}]\npublic partial class Net;\n",
        Usings + "[Input(1, 28, 28)]\n[Flatten]\n[Dense(55)]\n[ExpectParameters(43_175)]\npublic partial class Net;\n");

    [Fact]
    public Task DSL018_takes_the_suggested_layer_in_every_reference() => FixTest<ReplaceNameFix>.Check(
        Usings + """
        [Input(8)]
        [Dense(8, Name = "stem")]
        [Dense(8)]
        [{|DSL018:Add("stme", "dense_1")|}]
        [Dense(2)]
        public partial class Merged;

        [Input(8)]
        [Dense(8, Name = "stem")]
        [{|DSL018:Dense(2, From = "stme")|}]
        public partial class Chained;
        """,
        Usings + """
        [Input(8)]
        [Dense(8, Name = "stem")]
        [Dense(8)]
        [Add("stem", "dense_1")]
        [Dense(2)]
        public partial class Merged;

        [Input(8)]
        [Dense(8, Name = "stem")]
        [Dense(2, From = "stem")]
        public partial class Chained;
        """);

    [Fact]
    public Task DSL040_and_DSL042_take_the_suggested_block_and_parameter() => FixTest<ReplaceNameFix>.Check(
        Usings + ResBlock + """
        [Input(4, 8, 8)]
        [{|DSL040:Use("ResBlok", "filters: 4")|}]
        [Flatten]
        public partial class Named;

        [Input(4, 8, 8)]
        [Use(typeof(ResBlock), "{|DSL042:filtres: 4|}")]
        [Flatten]
        public partial class Argued;
        """,
        Usings + ResBlock + """
        [Input(4, 8, 8)]
        [Use("ResBlock", "filters: 4")]
        [Flatten]
        public partial class Named;

        [Input(4, 8, 8)]
        [Use(typeof(ResBlock), "filters: 4")]
        [Flatten]
        public partial class Argued;
        """);

    [Fact]
    public Task DSL045_takes_the_suggested_parameter_inside_an_expression() => FixTest<ReplaceNameFix>.Check(
        Usings + """
        [Block]
        [Param("filters", typeof(int))]
        [{|DSL045:Conv2D("filters: $filtres * 2, kernel_size: 3")|}]
        public partial class Wide;
        """,
        Usings + """
        [Block]
        [Param("filters", typeof(int))]
        [Conv2D("filters: $filters * 2, kernel_size: 3")]
        public partial class Wide;
        """);

    [Fact]
    public Task DSL051_and_DSL052_take_the_suggested_output_and_reused_layer() => FixTest<ReplaceNameFix>.Check(
        Usings + """
        [Input(8, Name = "left")]
        [Input(8, Name = "right")]
        [Dense(4, From = "left", Name = "encoder")]
        [{|DSL052:Reuse("encodr", From = "right", Name = "second")|}]
        [Add("encoder", "second")]
        public partial class Pair;

        [Input(8)]
        [Dense(4, Name = "joined")]
        [{|DSL051:Output("joind")|}]
        public partial class Single;
        """,
        Usings + """
        [Input(8, Name = "left")]
        [Input(8, Name = "right")]
        [Dense(4, From = "left", Name = "encoder")]
        [Reuse("encoder", From = "right", Name = "second")]
        [Add("encoder", "second")]
        public partial class Pair;

        [Input(8)]
        [Dense(4, Name = "joined")]
        [Output("joined")]
        public partial class Single;
        """);

    [Fact]
    public Task DSL003_switches_the_layer_to_same_padding_in_each_form() => FixTest<SamePaddingFix>.Check(
        Usings + """
        [Input(1, 4, 4)]
        [{|DSL003:Conv2D(8, 5)|}]
        [Flatten]
        public partial class Positional;

        [Input(1, 4, 4)]
        [{|DSL003:MaxPool2D(5, Padding = Padding.Valid)|}]
        [Flatten]
        public partial class Named;

        [Input(1, 4, 4)]
        [{|DSL003:Conv2D("filters: 8, kernel_size: 5")|}]
        [Flatten]
        public partial class Text;

        [Input(1, 4, 4)]
        [{|DSL003:Conv2D("filters: 8, kernel_size: 5, padding: valid, activation: relu")|}]
        [Flatten]
        public partial class TextWithPadding;
        """,
        Usings + """
        [Input(1, 4, 4)]
        [Conv2D(8, 5, Padding = Padding.Same)]
        [Flatten]
        public partial class Positional;

        [Input(1, 4, 4)]
        [MaxPool2D(5, Padding = Padding.Same)]
        [Flatten]
        public partial class Named;

        [Input(1, 4, 4)]
        [Conv2D("filters: 8, kernel_size: 5, padding: same")]
        [Flatten]
        public partial class Text;

        [Input(1, 4, 4)]
        [Conv2D("filters: 8, kernel_size: 5, padding: same, activation: relu")]
        [Flatten]
        public partial class TextWithPadding;
        """);

    [Fact]
    public Task DSL011_moves_the_softmax_to_the_output_layer() => new FixTest<MoveSoftmaxFix>(
        Usings + """
        [Input(8)]
        [{|#0:Dense(16, Activation = Activation.Softmax)|}]
        [{|#1:Dense(4)|}]
        public partial class Net;
        """,
        Usings + """
        [Input(8)]
        [Dense(16)]
        [Dense(4, Activation = Activation.Softmax)]
        public partial class Net;
        """)
    {
        ExpectedDiagnostics = { Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("DSL011").WithLocation(0).WithLocation(1) },
    }.RunAsync();

    [Fact]
    public Task DSL009_makes_the_class_partial() => FixTest<AddPartialFix>.Check(
        Usings + "[Input(4)]\n[Dense(2)]\npublic class {|DSL009:Net|}\n{\n}\n",
        Usings + "[Input(4)]\n[Dense(2)]\npublic partial class Net\n{\n}\n");

    [Fact]
    public Task DSL009_makes_a_class_without_modifiers_partial() => FixTest<AddPartialFix>.Check(
        Usings + "[Input(4)]\n[Dense(2)]\nclass {|DSL009:Net|};\n",
        Usings + "[Input(4)]\n[Dense(2)]\npartial class Net;\n");
}
