using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Keras's recurrent layers (SimpleRNN, LSTM, GRU) and the wrappers (Bidirectional, TimeDistributed) in the attribute form:
/// the modules they become with Keras's defaults, Keras's parameter counts and shapes, the wrapper applying to the layer
/// attribute on the next line (or the options text), and every error located at its attribute.
/// </summary>
public class RecurrentDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    private static string Generate(string layers, string input = "[Input(10, 32)]")
    {
        var run = GeneratorHarness.Run(new[] { Usings + input + "\n" + layers + "\npublic partial class Sequence;\n" });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return run.GeneratedSources["App.Sequence.g.cs"];
    }

    private static long Parameters(string source) =>
        long.Parse(source.Split('\n').Single(l => l.Contains("public const long ParameterCount", StringComparison.Ordinal)).Split('=')[1].Trim().TrimEnd(';', 'L'), System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Keras's counts on (10 steps, 32 features) with 64 units: one bias per gate (libtorch's modules keep two).
    [InlineData("[SimpleRNN(64)]", 32 * 64 + 64 * 64 + 64, "(None, 64)")]
    [InlineData("[SimpleRNN(64, UseBias = false, ReturnSequences = true)]", 32 * 64 + 64 * 64, "(None, 10, 64)")]
    [InlineData("[LSTM(64)]", 4 * (32 * 64 + 64 * 64 + 64), "(None, 64)")]
    [InlineData("[LSTM(64, ReturnSequences = true, UnitForgetBias = false)]", 4 * (32 * 64 + 64 * 64 + 64), "(None, 10, 64)")]
    [InlineData("[GRU(64)]", 3 * (32 * 64 + 64 * 64 + 2 * 64), "(None, 64)")]
    [InlineData("[GRU(64, ResetAfter = false)]", 3 * (32 * 64 + 64 * 64 + 64), "(None, 64)")]
    [InlineData("[Bidirectional]\n[LSTM(64)]", 2 * 4 * (32 * 64 + 64 * 64 + 64), "(None, 128)")]
    [InlineData("[Bidirectional(MergeMode.Sum)]\n[GRU(64, ReturnSequences = true)]", 2 * 3 * (32 * 64 + 64 * 64 + 2 * 64), "(None, 10, 64)")]
    [InlineData("[Bidirectional(\"merge_mode: ave, backward_layer: { simple_rnn: { units: 64, go_backwards: true } }\")]\n[SimpleRNN(64)]", 2 * (32 * 64 + 64 * 64 + 64), "(None, 64)")]
    [InlineData("[TimeDistributed]\n[Dense(16, Activation = Activation.ReLU)]", 32 * 16 + 16, "(None, 10, 16)")]
    [InlineData("[TimeDistributed(\"layer: { dense: 16 }\")]", 32 * 16 + 16, "(None, 10, 16)")]
    public void Counts_and_shapes_are_kerass(string layers, long parameters, string shape)
    {
        string source = Generate(layers);
        Assert.Equal(parameters, Parameters(source));
        Assert.Contains(shape, source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[LSTM(16)]", "new global::Dsl.Modules.Lstm(32L, 16L, true, new global::Dsl.Modules.RecurrentSettings(Activation: global::Dsl.Activation.Tanh, RecurrentActivation: global::Dsl.Activation.Sigmoid, ReturnSequences: false, GoBackwards: false, Dropout: 0.0, RecurrentDropout: 0.0))")]
    [InlineData("[GRU(8, ResetAfter = false, GoBackwards = true, Dropout = 0.25)]", "new global::Dsl.Modules.Gru(32L, 8L, true, false, new global::Dsl.Modules.RecurrentSettings(Activation: global::Dsl.Activation.Tanh, RecurrentActivation: global::Dsl.Activation.Sigmoid, ReturnSequences: false, GoBackwards: true, Dropout: 0.25, RecurrentDropout: 0.0))")]
    [InlineData("[SimpleRNN(\"units: 4, activation: relu, recurrent_dropout: 0.1\")]", "new global::Dsl.Modules.SimpleRnn(32L, 4L, true, new global::Dsl.Modules.RecurrentSettings(Activation: global::Dsl.Activation.ReLU, ReturnSequences: false, GoBackwards: false, Dropout: 0.0, RecurrentDropout: 0.1))")]
    [InlineData("[LSTM(4, UnitForgetBias = false)]", "KerasInitializers.Zeros(lstm_1.Bias);")]
    [InlineData("[LSTM(4)]", "KerasInitializers.UnitForgetBias(lstm_1.Bias);")]
    [InlineData("[GRU(4)]", "KerasInitializers.Orthogonal(gru_1.RecurrentKernel);")]
    // Keras's Bidirectional: forward_<layer> and a copy that goes backwards, backward_<layer>.
    [InlineData("[Bidirectional]\n[LSTM(4)]", "new global::Dsl.Modules.Bidirectional(\"forward_lstm\", new global::Dsl.Modules.Lstm(32L, 4L, true, new global::Dsl.Modules.RecurrentSettings(Activation: global::Dsl.Activation.Tanh, RecurrentActivation: global::Dsl.Activation.Sigmoid, ReturnSequences: false, GoBackwards: false, Dropout: 0.0, RecurrentDropout: 0.0)), \"backward_lstm\", new global::Dsl.Modules.Lstm(32L, 4L, true, new global::Dsl.Modules.RecurrentSettings(Activation: global::Dsl.Activation.Tanh, RecurrentActivation: global::Dsl.Activation.Sigmoid, ReturnSequences: false, GoBackwards: true, Dropout: 0.0, RecurrentDropout: 0.0)), global::Dsl.MergeMode.Concat)")]
    [InlineData("[Bidirectional]\n[GRU(4, Name = \"encoder\")]", "\"backward_encoder\"")]
    [InlineData("[Bidirectional]\n[GRU(4)]", "KerasInitializers.Orthogonal(bidirectional_1.Backward.RecurrentKernel);")]
    [InlineData("[TimeDistributed]\n[Dense(3)]", "new global::Dsl.Modules.TimeDistributed(\"dense\", global::TorchSharp.torch.nn.Linear(32L, 3L, hasBias: true), ")]
    [InlineData("[TimeDistributed]\n[Dense(3)]", "var time_distributed_1__dense = (global::TorchSharp.Modules.Linear)time_distributed_1__module!;")]
    public void Each_kind_becomes_its_runtime_module_with_kerass_defaults(string layers, string code)
    {
        Assert.Contains(code, Generate(layers), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrappers_nest_and_read_block_parameters_in_the_wrapped_layer()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Block]
            [Param("units", typeof(int))]
            [Bidirectional]
            [LSTM("units: $units, return_sequences: true")]
            public partial class Encoder;

            [Input(5, 6, 3)]
            [TimeDistributed]
            [Bidirectional(MergeMode.Sum)]
            [GRU(4)]
            [Use(typeof(Encoder), "units: 2")]
            [ExpectParameters(2 * 3 * (3 * 4 + 16 + 8) + 2 * 4 * (4 * 2 + 4 + 2))]
            public partial class Nested;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string source = run.GeneratedSources["App.Nested.g.cs"];
        Assert.Contains("time_distributed_1 (TimeDistributed)", source, StringComparison.Ordinal);
        Assert.Contains("(None, 5, 4)", source, StringComparison.Ordinal);
        Assert.Contains("(None, 5, 4)", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Input(1, 28, 28)]", "[LSTM(8)]", "'lstm_1' (LSTM) needs a sequence input (steps, features), but receives the image shape (1, 28, 28) from the input")]
    [InlineData("[Input(10)]", "[GRU(8)]", "'gru_1' (GRU) needs a sequence input (steps, features), but receives the flat shape (10) from the input")]
    [InlineData("[Input(3, 8, 8)]", "[SimpleRNN(8)]", "receives the image shape (3, 8, 8)")]
    public void A_recurrent_layer_on_an_image_or_a_flat_input_says_it_needs_steps_and_features(string input, string layer, string message)
    {
        DiagnosticAssert.Single(Usings + input + "\n" + layer + "\npublic partial class Wrong;\n", "DSL026", layer, message);
    }

    [Fact]
    public void A_recurrent_layer_inside_a_wrapper_is_checked_at_its_own_attribute()
    {
        DiagnosticAssert.Single(Usings + "[Input(10)]\n[Bidirectional]\n[LSTM(8)]\npublic partial class Wrong;\n", "DSL026", "[LSTM(8)]",
            "'forward_lstm' (LSTM) needs a sequence input (steps, features), but receives the flat shape (10)");
    }

    [Fact]
    public void Bidirectional_around_a_layer_that_is_not_recurrent_is_an_error_at_that_layer()
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n[Bidirectional]\n[Dense(8)]\npublic partial class Wrong;\n", "DSL061", "[Dense(8)]",
            "'bidirectional_1' (Bidirectional) wraps a recurrent layer (SimpleRNN, LSTM or GRU), but is given a Dense layer");
    }

    [Fact]
    public void Time_distributed_around_a_merge_is_an_error_at_the_merge()
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n[TimeDistributed]\n[Dense(4, Name = \"a\")]\n[TimeDistributed]\n[Add(\"input\", \"time_distributed_1\")]\npublic partial class Wrong;\n", "DSL061", "[Add(\"input\", \"time_distributed_1\")]",
            "wraps a layer of one input, but is given the merge Add");
    }

    [Fact]
    public void A_merge_mode_keras_lacks_is_an_undefined_value()
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n[Bidirectional((MergeMode)7)]\n[LSTM(8)]\npublic partial class Wrong;\n", "DSL014", "[Bidirectional((MergeMode)7)]", "MergeMode of 'bidirectional_1' is 7");
    }

    [Theory]
    [InlineData("[LSTM(0)]", "Units of 'lstm_1' must be at least 1, but is 0")]
    [InlineData("[GRU(-3)]", "Units of 'gru_1' must be at least 1, but is -3")]
    [InlineData("[SimpleRNN(\"units: 0\")]", "Units of 'simple_rnn_1' must be at least 1")]
    [InlineData("[LSTM(4, Dropout = 1.0)]", "Dropout of 'lstm_1' must be at least 0 and below 1, but is 1")]
    [InlineData("[GRU(4, RecurrentDropout = -0.1)]", "RecurrentDropout of 'gru_1' must be at least 0 and below 1")]
    public void Units_below_one_and_dropouts_outside_0_to_1_are_errors(string layer, string message)
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n" + layer + "\npublic partial class Wrong;\n", "DSL007", layer, message);
    }

    [Fact]
    public void Units_below_one_in_a_wrapped_layer_are_an_error_at_that_layer()
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n[Bidirectional]\n[LSTM(0)]\npublic partial class Wrong;\n", "DSL007", "[LSTM(0)]", "Units of 'bidirectional_1' must be at least 1, but is 0");
    }

    [Theory]
    [InlineData("[Input(10)]", "[TimeDistributed]\n[Dense(4)]", "[TimeDistributed]", "'time_distributed_1' (TimeDistributed) needs an input with a step axis: (steps, features) or (steps, …), but receives the flat shape (10) from the input")]
    public void Time_distributed_on_an_input_without_a_step_axis_is_an_error(string input, string layers, string at, string message)
    {
        DiagnosticAssert.Single(Usings + input + "\n" + layers + "\npublic partial class Wrong;\n", "DSL026", at, message);
    }

    [Theory]
    [InlineData("[Dense(4)]\n[Bidirectional]", "[Bidirectional]", "[Bidirectional] applies to the layer attribute on the next line, but it is the last attribute")]
    [InlineData("[TimeDistributed]\n[Output(\"input\")]", "[TimeDistributed]", "[TimeDistributed] applies to the layer attribute on the next line, but the next attribute is [Output], which is no layer")]
    [InlineData("[Dense(4)]\n[TimeDistributed]\n[Bidirectional]", "[TimeDistributed]", "[TimeDistributed] applies")]
    public void A_wrapper_with_no_layer_after_it_is_an_error_at_the_wrapper(string layers, string at, string message)
    {
        var run = GeneratorHarness.Run(new[] { Usings + "[Input(10, 4)]\n" + layers + "\npublic partial class Wrong;\n" });
        run.AssertGeneratorHealthy();
        var diagnostic = run.GeneratorDiagnostics.First(d => d.Id == "DSL062");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        DiagnosticAssert.AssertCovers(Usings + "[Input(10, 4)]\n" + layers + "\npublic partial class Wrong;\n", diagnostic, at.Trim('[', ']'));
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.GeneratedSources.Keys, hint => hint.StartsWith("App.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[Bidirectional(\"backward_layer: { lstm: { units: 4 } }\")]\n[LSTM(4)]", "goes forwards like the forward one")]
    [InlineData("[Bidirectional]\n[LSTM(4, GoBackwards = true)]", "goes backwards like the forward one")]
    [InlineData("[Bidirectional(\"backward_layer: { lstm: { units: 4, go_backwards: true, return_sequences: true } }\")]\n[LSTM(4)]", "has return_sequences true but the forward one false")]
    [InlineData("[Bidirectional(\"merge_mode: sum, backward_layer: { gru: { units: 3, go_backwards: true } }\")]\n[LSTM(4)]", "has 3 units and the forward one 4; merge mode sum joins outputs of one shape")]
    public void A_backward_layer_that_does_not_fit_the_forward_one_is_an_error(string layers, string message)
    {
        var run = GeneratorHarness.Run(new[] { Usings + "[Input(10, 4)]\n" + layers + "\npublic partial class Wrong;\n" });
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL063", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("/src/File0.cs", diagnostic.Location.GetLineSpan().Path);
    }

    [Theory]
    [InlineData("[Bidirectional]\n[LSTM(4, From = \"input\")]", "[LSTM(4, From = \"input\")]", "cannot take From ('input')")]
    [InlineData("[TimeDistributed]\n[Dense(4, Name = \"my dense\")]", "[Dense(4, Name = \"my dense\")]", "cannot be named 'my dense'")]
    public void A_wrapped_layer_takes_neither_from_nor_a_name_that_is_no_identifier(string layers, string at, string message)
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n" + layers + "\npublic partial class Wrong;\n", "DSL064", at, message);
    }

    [Fact]
    public void Return_state_gives_a_layer_kerass_outputs_which_later_layers_name()
    {
        string source = Generate("[LSTM(4, ReturnState = true, Name = \"encoder\")]\n[Concatenate(\"encoder.state_h\", \"encoder.state_c\")]\n[Dense(2)]\n[Output(\"dense_1\")]\n[Output(\"encoder.output\")]");
        Assert.Contains("var encoder_out = encoder.CallWithStates(", source, StringComparison.Ordinal);
        Assert.Contains("OutputNames = new string[] { \"output\", \"state_h\", \"state_c\" }", source, StringComparison.Ordinal);
        Assert.Contains(".Nodes(\"LSTM\", ", source, StringComparison.Ordinal);
        // The diagram draws the layer as one box whose outputs feed the merge.
        Assert.Contains("n1 --> n2", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_with_return_state_taken_whole_names_its_outputs()
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n[GRU(4, ReturnState = true)]\n[Dense(2)]\npublic partial class Wrong;\n", "DSL057", "[Dense(2)]",
            "gru_1.output, gru_1.state_h");
    }

    private const string Seq2SeqInputs = "[Input(5, 3, Name = \"source\")]\n[Input(4, 2, Name = \"target\")]\n[LSTM(6, ReturnState = true, From = \"source\", Name = \"encoder\")]\n";

    [Theory]
    [InlineData("[LSTM(6, From = \"target\", InitialState = new[] { \"encoder.state_h\" })]", "takes 2 states, h and c, each of shape (6) as InitialState (initial_state), but it is given 1 ('encoder.state_h'); give an LSTM both")]
    [InlineData("[LSTM(5, From = \"target\", InitialState = new[] { \"encoder.state_h\", \"encoder.state_c\" })]", "'encoder.state_h' is (6); a state has the layer's units")]
    [InlineData("[GRU(6, From = \"target\", InitialState = new[] { \"encoder.state_h\", \"encoder.state_c\" })]", "takes one state, h, of shape (6) as InitialState (initial_state), but it is given 2")]
    [InlineData("[SimpleRNN(6, From = \"target\", InitialState = new[] { \"target\" })]", "'target' is (4, 2)")]
    public void Initial_states_that_do_not_fit_the_layer_are_reported_at_it(string layer, string message)
    {
        DiagnosticAssert.Single(Usings + Seq2SeqInputs + layer + "\npublic partial class Wrong;\n", "DSL080", layer, message);
    }

    [Fact]
    public void Initial_states_are_the_layers_inputs_after_its_sequence_and_a_wrapped_layer_cannot_take_them()
    {
        string source = Generate("[LSTM(6, ReturnSequences = true, From = \"target\", InitialState = new[] { \"encoder.state_h\", \"encoder.state_c\" }, Name = \"decoder\")]",
            input: Seq2SeqInputs.TrimEnd('\n'));
        Assert.Contains("decoder.CallMasked(target, null, encoder_out[1], encoder_out[2])", source, StringComparison.Ordinal);
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n[Bidirectional]\n[LSTM(4, InitialState = new[] { \"input\" })]\npublic partial class Wrong;\n", "DSL064",
            "[LSTM(4, InitialState = new[] { \"input\" })]", "cannot take 'input' besides its wrapper's input (InitialState, initial_state)");
    }

    [Fact]
    public void A_wrapped_layer_cannot_return_its_states()
    {
        DiagnosticAssert.Single(Usings + "[Input(10, 4)]\n[Bidirectional]\n[LSTM(4, ReturnState = true)]\npublic partial class Wrong;\n", "DSL064", "[LSTM(4, ReturnState = true)]",
            "cannot have several outputs (output, state_h, state_c)");
    }
}
