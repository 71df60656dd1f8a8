using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers;

/// <summary>
/// Everything about one layer kind in one place, as Keras keeps a layer in one class: its names (attribute, YAML
/// key, Keras class, automatic-name prefix), its options, their checks, its shape rule with parameter counts and
/// mult-adds, and the TorchSharp code it becomes. <see cref="LayerRegistry"/> finds every subclass; the parsers,
/// the analyzer and the emitter only ever ask the kind. A new kind is a new subclass plus its attribute in
/// Dsl.Runtime.
/// </summary>
internal abstract class LayerDefinition
{
    private readonly LayerOption[] _options;
    private readonly Dictionary<LayerOption, int> _slots;

    /// <param name="kind">The kind's <c>LayerKind</c> value, declared next to its attribute.</param>
    /// <param name="attribute">The attribute that declares it (linked from Dsl.Runtime).</param>
    /// <param name="kerasClass">Keras's class name, as the summary shows it (<c>MaxPooling2D</c>).</param>
    /// <param name="kerasName">Keras's snake_case name (<c>max_pooling2d</c>): the YAML key and the prefix of automatic names.</param>
    /// <param name="options">The kind's own options; the common ones (name, and from or inputs) are added.</param>
    protected LayerDefinition(LayerKind kind, Type attribute, string kerasClass, string kerasName, params LayerOption[] options)
    {
        Kind = kind.Name;
        AttributeName = attribute.FullName!;
        KerasClass = kerasClass;
        KerasName = kerasName;
        _options = options.Concat(CommonOptionsOf(attribute)).ToArray();
        _slots = _options.Select((option, slot) => (option, slot)).ToDictionary(pair => pair.option, pair => pair.slot);
    }

    /// <summary>Where <paramref name="option"/>'s value sits in a <see cref="LayerSpec"/> of this kind; -1 when the kind has no such option.</summary>
    public int SlotOf(LayerOption option) => _slots.TryGetValue(option, out int slot) ? slot : -1;

    /// <summary>The <c>LayerKind</c> name: <c>Conv2D</c>.</summary>
    public string Kind { get; }

    /// <summary>Metadata name of the attribute: <c>Dsl.Conv2DAttribute</c>.</summary>
    public string AttributeName { get; }

    /// <summary>Keras's class name: <c>Conv2D</c>, <c>MaxPooling2D</c>.</summary>
    public string KerasClass { get; }

    /// <summary>Keras's snake_case name: the YAML key and the automatic-name prefix (<c>conv2d</c> → <c>conv2d_1</c>).</summary>
    public string KerasName { get; }

    /// <summary>Other names people reach for, used only to suggest <see cref="KerasName"/> in YAML.</summary>
    public virtual IEnumerable<string> Aliases => new[] { Kind, KerasClass };

    /// <summary>Every option, the kind's own first.</summary>
    public IReadOnlyList<LayerOption> Options => _options;

    /// <summary>The option a bare YAML value sets (<c>dropout: 0.2</c> sets the rate), or null when there is none.</summary>
    public virtual LayerOption? MainOption => null;

    /// <summary>Whether it joins the outputs of several layers (its inputs are listed, not chained).</summary>
    public virtual bool IsMerge => false;

    public LayerOption? FindSpelling(string attributeMember) =>
        _options.FirstOrDefault(o => o.Spellings.Any(s => string.Equals(s, attributeMember, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The names of the layers it takes its inputs from, or empty for "the previous layer".</summary>
    public virtual EquatableArray<string> ReferencedInputs(LayerSpec layer) =>
        CommonOptions.From.Get(layer) is { } from ? EquatableArray.Of(from) : EquatableArray<string>.Empty;

    /// <summary>
    /// Values the layer takes after its main input (the previous layer's output, <c>From</c>, or those it lists): Keras's
    /// call arguments that are tensors, such as a recurrent layer's <c>initial_state</c>. Empty for most kinds.
    /// </summary>
    public virtual EquatableArray<string> ExtraInputs(LayerSpec layer) => EquatableArray<string>.Empty;

    /// <summary>
    /// Whether the kind takes integer inputs (token ids, raw pixels) as well as floating-point ones. Most kinds compute in
    /// float32 and need floating-point inputs, checked at compile time; <see cref="OutputDType"/> says what comes out.
    /// </summary>
    public virtual bool AcceptsIntegers => false;

    /// <summary>The element type of the output: float32, unless the kind passes its input's through (Flatten, Reshape).</summary>
    public virtual DType OutputDType(IReadOnlyList<LayerInput> inputs) => DType.Float32;

    /// <summary>
    /// The names of the layer's outputs when it has several (<c>lstm_1.state_h</c>), read as <c>layer.name</c>; empty for
    /// one. A layer of several outputs gives them as an array: its <see cref="Forward"/> is a <c>Tensor[]</c> expression
    /// and its <see cref="Onnx"/> a <c>string[]</c> one, in this order.
    /// </summary>
    public virtual EquatableArray<string> OutputNames(LayerSpec layer) => EquatableArray<string>.Empty;

    /// <summary>The activation applied to the layer's output.</summary>
    public Activation ActivationOf(LayerSpec layer) =>
        _options.Contains(CommonOptions.Activation) ? CommonOptions.Activation.Get(layer) : Activation.None;

    /// <summary>
    /// Checks that involve several options or the layer as a whole, after each given option passed its own check.
    /// Returns false when it reported a problem.
    /// </summary>
    public virtual bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics) => true;

    /// <summary>The shape rule: the output and costs for the given inputs, or null after reporting why there are none.</summary>
    public abstract LayerOutput? Infer(LayerContext context);

    /// <summary>The TorchSharp module the layer keeps as a field (named like the layer), or null for a layer computed by a function.</summary>
    public virtual LayerField? Field(LayerPlan layer) => null;

    /// <summary>
    /// The expression that computes the layer's output (before its activation) from its inputs, given as C#
    /// expressions in the order of <see cref="LayerPlan.Inputs"/>.
    /// </summary>
    public abstract string Forward(LayerPlan layer, IReadOnlyList<string> inputs);

    /// <summary>
    /// The layer's ONNX form: an expression, written with <paramref name="onnx"/>'s standard operators, whose value
    /// is the name of the ONNX value holding the layer's output before its activation, given the ONNX values of its
    /// inputs in the order of <see cref="LayerPlan.Inputs"/>. It computes exactly what <see cref="Forward"/> computes
    /// in evaluation mode (dropout is the identity; batch normalization uses its moving statistics), Keras's padding
    /// conventions included. Weights are read by state-dict key (<c>conv2d_1.weight</c>). Abstract, so that a kind
    /// without an ONNX form does not compile.
    /// </summary>
    public abstract string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs);

    /// <summary>
    /// Keras's <c>supports_masking</c>: whether a mask on its inputs goes on to its output (element-wise layers, Dense, the
    /// normalisations, merges) or is used by it (recurrent layers, attention, average pooling over steps). A kind without
    /// it drops the mask, as Keras 3 does with a warning (DSL076 here, at compile time).
    /// </summary>
    public virtual bool SupportsMasking => false;

    /// <summary>
    /// Keras's <c>compute_mask</c> at compile time: whether the output carries a mask, given the inputs'. By default it
    /// does when the kind supports masking and an input has one; an embedding with mask_zero makes one, a layer that
    /// reduces the steps (return_sequences=False, global pooling) ends it.
    /// </summary>
    public virtual bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) => SupportsMasking && inputs.Any(i => i.Masked);

    /// <summary>
    /// For a layer of several outputs whose output is masked (<see cref="OutputMasked"/>): whether output
    /// <paramref name="index"/> carries that mask too. By default only the first (a recurrent layer's sequence, not its
    /// states).
    /// </summary>
    public virtual bool MasksOutput(LayerSpec layer, int index) => index == 0;

    /// <summary>
    /// The C# expression of the output's mask (a bool (N, steps) tensor), given the inputs and their masks (null where an
    /// input has none); evaluated before the layer runs, so it may read the inputs. By default the inputs' masks and-ed,
    /// as Keras's merges do (one mask passes as it is).
    /// </summary>
    public virtual string OutputMask(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        string.Join(".logical_and(", masks.Where(m => m is not null)) + new string(')', masks.Count(m => m is not null) - 1);

    /// <summary>The forward expression when some input carries a mask; by default <see cref="Forward"/>, which ignores it.</summary>
    public virtual string ForwardMasked(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) => Forward(layer, inputs);

    /// <summary>The ONNX form of <see cref="OutputMask"/>: the nodes that compute the output's mask (a bool tensor).</summary>
    public virtual string OnnxMask(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        masks.Where(m => m is not null).Select(m => m!).Aggregate((left, right) => onnx.Node("And", new[] { left, right }));

    /// <summary>The ONNX form when some input carries a mask; by default <see cref="Onnx"/>.</summary>
    public virtual string OnnxMasked(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) => Onnx(layer, onnx, inputs);

    /// <summary>
    /// Whether the layer's activation may overwrite the layer's output in place: true when that output is a tensor the
    /// layer has just created and that its own backward pass does not read (a convolution's or a dense layer's: their
    /// backward reads the input and the weights). Only the activation reads it afterwards, so no second tensor is needed.
    /// </summary>
    public virtual bool OutputIsOverwritable => false;

    /// <summary>
    /// Whether the kind takes the maximum over windows of its single input and nothing else (max pooling): a
    /// non-decreasing activation then commutes with it, f(max(a, b)) = max(f(a), f(b)), padded cells included (they
    /// are -∞ and never win), so the layer before it may apply its activation after it, to fewer values
    /// (<see cref="Emit.PoolBeforeActivation"/>). Its output must be new and not read by its backward pass (which
    /// reads the input and the indices of the maxima), so the moved activation runs in place.
    /// </summary>
    public virtual bool IsWindowMaximum => false;

    /// <summary>
    /// Whether a batch normalization right after the layer can be folded into it (<see cref="Emit.BatchNormFolding"/>):
    /// a convolution whose (out, …) weight is scaled per output channel. Such a kind implements
    /// <see cref="ForwardWithWeights"/> and <see cref="OnnxWithWeights"/>.
    /// </summary>
    public virtual bool AcceptsFoldedBatchNorm => false;

    /// <summary>
    /// Whether a <c>Rescaling</c> right before the layer can be folded into it (<see cref="Emit.RescalingFolding"/>): its
    /// weight scaled along axis 1 (input channels or features), and, with <paramref name="offset"/>, the offset moved into
    /// its bias, which is exact only where no zero padding would see the offset. Such a kind implements
    /// <see cref="ForwardWithWeights"/> and <see cref="OnnxWithWeights"/>.
    /// </summary>
    public virtual bool AcceptsFoldedRescaling(LayerPlan layer, bool offset) => false;

    /// <summary>
    /// <see cref="Forward"/> with <paramref name="weight"/> and <paramref name="bias"/> (C# tensor expressions, the bias
    /// always given) in place of the module's own: the functional form of the same computation.
    /// </summary>
    /// <exception cref="NotSupportedException">The kind does not accept a folded batch normalization (a generator bug, DSL999).</exception>
    public virtual string ForwardWithWeights(LayerPlan layer, IReadOnlyList<string> inputs, string weight, string bias) =>
        throw new NotSupportedException(Kind + " does not take folded weights");

    /// <summary><see cref="Onnx"/> with the ONNX values <paramref name="weight"/> and <paramref name="bias"/> in place of the module's own.</summary>
    /// <exception cref="NotSupportedException">The kind does not accept a folded batch normalization (a generator bug, DSL999).</exception>
    public virtual string OnnxWithWeights(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, string weight, string bias) =>
        throw new NotSupportedException(Kind + " does not take folded weights");

    /// <summary>
    /// The order its <see cref="Forward"/> and <see cref="Onnx"/> forms compute in when the input is a sequence
    /// (<see cref="Layers.SequenceOrder"/>); the emitter transposes around channels-first runs. Other inputs are unaffected.
    /// </summary>
    public virtual SequenceOrder OrderOnSequences(LayerPlan layer) => SequenceOrder.StepsFirst;

    /// <summary>
    /// Statements run once the model's modules are registered: Keras's default initialisers for the layer's weights
    /// (<c>KerasInitializers</c>; TorchSharp's own defaults differ), and anything else the module needs.
    /// </summary>
    public virtual IEnumerable<string> Initialise(LayerPlan layer) => Array.Empty<string>();

    /// <summary>Kind-specific <c>LayerInfo</c> members, as C# object-initializer assignments (<c>Size = 8</c>).</summary>
    public virtual IEnumerable<string> Describe(LayerPlan layer) => Array.Empty<string>();

    public override string ToString() => Kind;

    private static IEnumerable<LayerOption> CommonOptionsOf(Type attribute)
    {
        yield return CommonOptions.Name;
        if (typeof(MergeLayerAttribute).IsAssignableFrom(attribute))
            yield return CommonOptions.Inputs;
        else
            yield return CommonOptions.From;
    }
}

/// <summary>A layer's module field: its type and the expression that constructs it.</summary>
internal sealed record LayerField(string Type, string Construction);
