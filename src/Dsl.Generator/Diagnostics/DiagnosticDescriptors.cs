using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never reuse or renumber one
/// (AnalyzerReleases.*.md track them). DSL0xx: model checks; DSL1xx: YAML specs; DSL9xx: the generator itself.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Model = "Dsl.Model";
    private const string Yaml = "Dsl.Yaml";

    public static readonly DiagnosticDescriptor MissingInput = Error(
        "DSL001", "Model has no input shape",
        "Model '{0}' declares layers but no input shape; add [Input(channels, height, width)], [Input(steps, features)] or [Input(features)]", Model);

    public static readonly DiagnosticDescriptor OutputBelowOne = Error(
        "DSL002", "Layer output has a dimension below 1",
        "{0} would have the shape {1}{2}; every dimension must be at least 1", Model);

    public static readonly DiagnosticDescriptor WindowLargerThanInput = Error(
        "DSL003", "Kernel or pool larger than its input",
        "'{0}' has a {1} {2} but its input is only {3} (from {4}); with valid padding its output would be {5}. Use 'same' padding, a smaller window, or fewer downsampling layers before it.", Model);

    public static readonly DiagnosticDescriptor SpatialLayerOnFlatInput = Error(
        "DSL004", "Spatial layer after Flatten",
        "'{0}' ({1}) needs an image input (channels, height, width) but receives the flat shape {2} from {3}; spatial layers must come before [Flatten]", Model);

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(
        "DSL006", "Dropout rate out of range",
        "'{0}' has rate {1}; a dropout rate must be at least 0 and below 1", Model);

    public static readonly DiagnosticDescriptor InvalidValue = Error(
        "DSL007", "Invalid layer option",
        "{0} of '{1}' must be {2}, but is {3}", Model);

    public static readonly DiagnosticDescriptor ParameterCountMismatch = Error(
        "DSL008", "Parameter count differs from the expected one",
        "Model '{0}' has {1} parameters but ExpectParameters says {2} (difference {3})", Model);

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        "DSL009", "Model class must be partial",
        "Model class '{0}' must be declared 'partial' so that the generated module can be added to it", Model);

    public static readonly DiagnosticDescriptor ClassIsGeneric = Error(
        "DSL010", "Model class must not be generic",
        "Model class '{0}' must not be generic: a model's layers and shapes are fixed at compile time", Model);

    public static readonly DiagnosticDescriptor SoftmaxNotLast = Warning(
        "DSL011", "Softmax before the last layer",
        "'{0}' applies {1} but is not the last layer; {1} belongs on the output layer (use ReLU or no activation in hidden layers)", Model);

    public static readonly DiagnosticDescriptor WrongValueCount = Error(
        "DSL012", "Wrong number of values",
        "{0} of '{1}' takes {2}, but {3} given", Model);

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "DSL013", "Model has no layers",
        "Model '{0}' declares an input but no layers; add layers such as Conv2D or Dense", Model);

    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(
        "DSL014", "Unknown option value",
        "{0} of '{1}' is {2}, which is not a defined {0} value", Model);

    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error(
        "DSL015", "Layers declared on several partial declarations",
        "Model '{0}' has layer attributes on more than one partial declaration; their order would be ambiguous, so declare them all on one", Model);

    public static readonly DiagnosticDescriptor ClassHasBaseType = Error(
        "DSL016", "Model class must not declare a base type",
        "Model class '{0}' derives from '{1}', but a generated model derives from TorchSharp's Module<Tensor, Tensor>; remove the base type", Model);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "DSL017", "Enclosing type must be partial",
        "Model class '{0}' is nested in '{1}', which must be declared 'partial' too", Model);

    // Graph models: names, references and merges.

    public static readonly DiagnosticDescriptor UnknownLayerReference = Error(
        "DSL018", "Unknown layer name",
        "'{0}' takes its input from '{1}', which names no layer or input of this {2}{3}; layers are named by Name (name: in YAML) or automatically (conv2d_1), and an input by its Name ('input' unless named)", Model);

    public static readonly DiagnosticDescriptor ForwardLayerReference = Error(
        "DSL019", "Reference to a layer declared later",
        "'{0}' takes its input from '{1}', which {2}; a layer can only take the output of a layer declared above it, so that the model has no cycles", Model);

    public static readonly DiagnosticDescriptor DuplicateLayerName = Error(
        "DSL020", "Layer name used twice",
        "Layer {0} is named '{1}', but layer {2} already has that name{3}; give every layer its own name", Model);

    public static readonly DiagnosticDescriptor MergeShapesDiffer = Error(
        "DSL021", "Merge inputs do not fit",
        "'{0}' ({1}) needs {2}, but its inputs are {3}", Model);

    public static readonly DiagnosticDescriptor MergeInputCount = Error(
        "DSL022", "Merge layer with the wrong number of inputs",
        "'{0}' ({1}) takes {2}, but {3} given; list the layers to join by name, e.g. [Add(\"shortcut\", \"branch\")] or add: [shortcut, branch]", Model);

    public static readonly DiagnosticDescriptor FromOnMerge = Error(
        "DSL023", "'from' on a merge layer",
        "'{0}' is a merge layer: it takes its inputs from its 'inputs' list, so 'from' does not apply; list every input there", Model);

    public static readonly DiagnosticDescriptor DeadBranch = Warning(
        "DSL024", "Layer output is never used",
        "The output of '{0}' reaches no output of the {1} ({2}); take it into a later layer with From or a merge, or remove it", Model);

    public static readonly DiagnosticDescriptor InvalidLayerName = Error(
        "DSL025", "Invalid layer name",
        "'{0}' cannot name layer {1}: {2}", Model);

    public static readonly DiagnosticDescriptor WrongInputRank = Error(
        "DSL026", "Layer on an input of the wrong rank",
        "'{0}' ({1}) needs {2}, but receives the {3} shape {4} from {5}", Model);

    public static readonly DiagnosticDescriptor StridesWithDilation = Error(
        "DSL030", "Stride and dilation above 1 together",
        "'{0}' has strides {1} and dilation rate {2}; as in Keras, a convolution takes a stride above 1 or a dilation rate above 1, not both", Model);

    public static readonly DiagnosticDescriptor GroupsDoNotDivide = Error(
        "DSL031", "Groups do not divide the channels",
        "Groups of '{0}' is {1}, which does not divide its {2}; as in Keras, the filters and the input channels must both be divisible by the number of groups", Model);
    public static readonly DiagnosticDescriptor ReshapeChangesCount = Error(
        "DSL033", "Reshape target does not fit its input",
        "'{0}' cannot reshape {1} from {2} ({3} values) into {4}, which {5}; a reshape keeps the number of values", Model);

    // Blocks, several inputs and outputs, element types.

    public static readonly DiagnosticDescriptor UnknownBlock = Error(
        "DSL040", "Unknown block",
        "'{0}' names no block{1}; {2}", Model);

    public static readonly DiagnosticDescriptor BlockCycle = Error(
        "DSL041", "Block uses itself",
        "Block '{0}' uses itself ({1}); a block cannot contain itself, directly or through other blocks", Model);

    public static readonly DiagnosticDescriptor UnknownArgument = Error(
        "DSL042", "Unknown block argument",
        "'{0}' is not a parameter of block '{1}'{2}; {3}", Model);

    public static readonly DiagnosticDescriptor MissingArgument = Error(
        "DSL043", "Block argument missing",
        "'{0}' uses block '{1}' without its parameter '{2}', which has no default; give it in the use's arguments ('{2}: ...')", Model);

    public static readonly DiagnosticDescriptor ArgumentType = Error(
        "DSL044", "Block argument of the wrong type",
        "{0} must be {1}, but {2}", Model);

    public static readonly DiagnosticDescriptor InvalidExpression = Error(
        "DSL045", "Invalid expression",
        "{0} of '{1}' is '{2}', which {3}", Model);

    public static readonly DiagnosticDescriptor BlockFailsAtUse = Error(
        "DSL046", "Block does not fit where it is used",
        "'{0}' ({1}{2}): {3}", Model);

    public static readonly DiagnosticDescriptor BlockHasErrors = Error(
        "DSL047", "Block with errors",
        "'{0}' uses block '{1}', which has errors of its own (reported at its declaration); fix them first", Model);

    public static readonly DiagnosticDescriptor InvalidParameter = Error(
        "DSL048", "Invalid block parameter",
        "Parameter '{0}' of block '{1}' {2}", Model);

    public static readonly DiagnosticDescriptor InvalidInput = Error(
        "DSL049", "Invalid input",
        "{0} of '{1}' {2}", Model);

    public static readonly DiagnosticDescriptor IntegerInputNotAccepted = Error(
        "DSL050", "Layer on integer values",
        "'{0}' ({1}) needs floating-point values, but {2} holds {3}; {4}", Model);

    public static readonly DiagnosticDescriptor UnknownOutput = Error(
        "DSL051", "Unknown output",
        "Output '{0}' of '{1}' names no layer{2}", Model);

    public static readonly DiagnosticDescriptor InvalidReuse = Error(
        "DSL052", "Invalid reuse",
        "'{0}' cannot apply '{1}' again: {2}", Model);

    public static readonly DiagnosticDescriptor DeadInput = Warning(
        "DSL053", "Input is never used",
        "Input '{0}' of '{1}' reaches no output; take it into a layer with From, a merge or a block's inputs, or remove it", Model);

    public static readonly DiagnosticDescriptor InvalidDeclaration = Error(
        "DSL054", "Invalid model or block declaration",
        "'{0}' {1}", Model);

    public static readonly DiagnosticDescriptor DuplicateBlock = Error(
        "DSL055", "Block declared twice",
        "Block '{0}' is also declared by {1}; no use can tell them apart until each has its own name or namespace", Model);

    public static readonly DiagnosticDescriptor AmbiguousBlock = Error(
        "DSL056", "Ambiguous block name",
        "'{0}' could mean the blocks {1}; write the full name", Model);

    public static readonly DiagnosticDescriptor SeveralOutputs = Error(
        "DSL057", "A value of several outputs",
        "'{0}' {1} '{2}', a block use with several outputs ({3}); {4}", Model);

    public static readonly DiagnosticDescriptor TooLarge = Error(
        "DSL058", "A count too large",
        "{0} {1}, more than a model can have (at most {2}); a tensor this large cannot be allocated", Model);

    public static readonly DiagnosticDescriptor OverBudget = Error(
        "DSL059", "Over budget",
        "'{0}' has {1} {2}, over the limit of {3} set by {4}; the most come from {5}", Model);

    public static readonly DiagnosticDescriptor CropLargerThanInput = Error(
        "DSL060", "Crop larger than its input",
        "'{0}' crops to {1} (height x width) but its input is only {2} (from {3}); {4}", Model);

    /// <summary>Keras's initial_state: one (units) value per state the cell carries (h; h and c for the LSTM).</summary>
    public static readonly DiagnosticDescriptor InitialStateMismatch = Error(
        "DSL080", "Initial state that does not fit the layer",
        "'{0}' ({1}) takes {2} as InitialState (initial_state), but {3}", Model);

    public static readonly DiagnosticDescriptor MaskDropped = Warning(
        "DSL076", "Mask dropped",
        "'{0}' ({1}) does not support masking, so the mask of {2} ends here as in Keras 3, and later layers see the padded steps too; {3}", Model);
    /// <summary>Keras's attention layers take [query, value] or [query, value, key]; self-attention names one input twice.</summary>
    public static readonly DiagnosticDescriptor AttentionInputs = Error(
        "DSL066", "Attention without its query and value",
        "'{0}' ({1}) takes [query, value] or [query, value, key], but {2}", Model);

    public static readonly DiagnosticDescriptor KeyValueLengthsDiffer = Error(
        "DSL067", "Key and value of different lengths",
        "'{0}' ({1}) needs a key and a value of one length, one key step per value step, but the key {2} has {3} steps and the value {4} has {5}", Model);

    public static readonly DiagnosticDescriptor EmbeddingOnFloats = Error(
        "DSL068", "Embedding on floating-point values",
        "'{0}' (Embedding) needs integer token ids (int64 or int32), but {1} holds float32 values; declare the ids as an integer input, [Input({2}, DType = DType.Int64)] (in YAML, dtype: int64), and embed that input", Model);

    public static readonly DiagnosticDescriptor AttentionFeaturesDiffer = Error(
        "DSL069", "Query and key features that do not fit",
        "'{0}' ({1}) needs {2}, but the query {3} has {4} features and the key {5} has {6}", Model);

    public static readonly DiagnosticDescriptor SequenceLongerThanPositions = Error(
        "DSL070", "Sequence longer than the position embedding",
        "'{0}' (PositionEmbedding) has {1} positions (sequence_length), but its input {2} has {3} steps; give it a sequence_length of at least {3}", Model);
    // DSL071-DSL075: Normalization, Permute and RepeatVector.

    public static readonly DiagnosticDescriptor NormalizationAxis = Error(
        "DSL071", "Normalization axis that does not fit its input",
        "'{0}' (Normalization) has axis {1}: {2}; its input {3} (from {4}) has Keras's axes {5}", Model);

    public static readonly DiagnosticDescriptor StatisticsNotPaired = Error(
        "DSL072", "Normalization mean or variance alone",
        "'{0}' (Normalization) gives {1} but not {2}; Keras takes the mean and the variance together, or neither (to adapt them from data)", Model);

    public static readonly DiagnosticDescriptor StatisticsCount = Error(
        "DSL073", "Normalization statistics of the wrong size",
        "'{0}' (Normalization) has {1} mean and {2} variance values, but its kept axes hold {3} positions ({4}); give one value each, or one per position", Model);

    public static readonly DiagnosticDescriptor NotAPermutation = Error(
        "DSL074", "Permute dims that are not a permutation",
        "'{0}' (Permute) has dims {1}, which is not a permutation of {2} (the axes of its input {3} from {4}, numbered from 1 in Keras's order {5})", Model);

    public static readonly DiagnosticDescriptor RepeatVectorInput = Error(
        "DSL075", "RepeatVector on an input that is not flat",
        "'{0}' (RepeatVector) needs a flat input (features), but receives the {1} shape {2} from {3}; flatten it first (Flatten, Reshape or global pooling)", Model);
    /// <summary>At the wrapped layer: Bidirectional around a non-recurrent layer, TimeDistributed around a merge.</summary>
    public static readonly DiagnosticDescriptor CannotWrap = Error(
        "DSL061", "Layer that its wrapper cannot wrap",
        "'{0}' ({1}) wraps {2}, but is given {3}", Model);

    /// <summary>At the wrapper attribute: the wrapper applies to the next attribute, which must be a layer.</summary>
    public static readonly DiagnosticDescriptor WrapperWithoutLayer = Error(
        "DSL062", "Wrapper without a layer to wrap",
        "[{0}] applies to the layer attribute on the next line, but {1}; declare the layer it wraps right after it (such as [{0}] then [LSTM(64)]), or give it as layer in its options text", Model);

    public static readonly DiagnosticDescriptor BackwardLayerMismatch = Error(
        "DSL063", "Backward layer that does not fit the forward one",
        "'{0}' (Bidirectional) has a backward layer that {1}", Model);

    public static readonly DiagnosticDescriptor WrappedLayerOption = Error(
        "DSL064", "Option a wrapped layer cannot take",
        "The layer that '{0}' ({1}) wraps cannot {2}", Model);

    // DSL1xx: YAML model specs (*.model.yaml). Reported in the YAML file, at the offending line and column.

    public static readonly DiagnosticDescriptor InvalidYaml = Error(
        "DSL101", "Malformed YAML",
        "Malformed YAML: {0}", Yaml);

    public static readonly DiagnosticDescriptor UnknownLayerKind = Error(
        "DSL102", "Unknown layer kind",
        "'{0}' is not a layer kind{1}; the layer kinds are {2}", Yaml);

    public static readonly DiagnosticDescriptor UnknownKey = Error(
        "DSL103", "Unknown key",
        "'{0}' is not a key of {1}{2}; {3}", Yaml);

    public static readonly DiagnosticDescriptor InvalidYamlValue = Error(
        "DSL104", "Value of the wrong type",
        "{0} must be {1}, but is {2}{3}", Yaml);

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "DSL105", "Required key missing",
        "{0} is missing the required key '{1}'{2}", Yaml);

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        "DSL106", "Key given twice",
        "'{0}' in {1} repeats '{2}' from line {3}; give each key once", Yaml);

    /// <summary>Reported on every spec that declares the name, and none of them is generated: picking a winner would depend on file order.</summary>
    public static readonly DiagnosticDescriptor DuplicateModel = Error(
        "DSL107", "Model declared by several YAML specs",
        "Model '{0}' is also declared by {1}; no class is generated for any of them until each has its own name or namespace", Yaml);

    public static readonly DiagnosticDescriptor InvalidClassName = Error(
        "DSL108", "Invalid model class name",
        "'{0}' cannot name the model class: {1}", Yaml);

    public static readonly DiagnosticDescriptor InvalidNamespace = Error(
        "DSL109", "Invalid namespace",
        "'{0}'{1} is not a valid namespace: {2}", Yaml);

    public static readonly DiagnosticDescriptor ModelAlsoDeclaredWithAttributes = Error(
        "DSL110", "Model declared in YAML and with attributes",
        "Model '{0}' is declared both by this YAML spec and with attributes on a class; the YAML model is not generated until one of them is renamed", Yaml);

    public static readonly DiagnosticDescriptor InvalidLayerEntry = Error(
        "DSL111", "Malformed layer entry",
        "Layer {0} must be a layer kind with its options, e.g. '- flatten', '- dropout: 0.2' or '- conv2d: {{ filters: 32, kernel_size: 3 }}', but {1}", Yaml);

    public static readonly DiagnosticDescriptor UnsupportedYaml = Error(
        "DSL112", "Unsupported YAML",
        "Model specs do not support {0}", Yaml);

    public static readonly DiagnosticDescriptor InternalError = Error(
        "DSL999", "Model generator failed",
        "The model generator failed on '{0}': {1}. This is a bug in Dsl.Generator; please report it with the declaration that triggers it.", "Dsl.Generator");

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
