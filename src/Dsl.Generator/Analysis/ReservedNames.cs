using System.Collections.Generic;

namespace Dsl.Generator.Analysis;

/// <summary>
/// Names a layer cannot take: a layer becomes a public field of the generated class, which must not hide or clash
/// with the class's other members. Tests compare these lists with the generated code and with TorchSharp's
/// <c>Module&lt;Tensor, Tensor&gt;</c>.
/// </summary>
internal static class ReservedNames
{
    /// <summary>Members the emitter declares on every model class.</summary>
    public static readonly IReadOnlyList<string> GeneratedMembers = new[]
    {
        "ParameterCount", "TrainableParameterCount", "NonTrainableParameterCount", "MultAdds", "Summary", "ExpandedSummary", "Diagram",
        "InputShape", "OutputShape", "Layers", "Info", "ForwardLogits", "forward", "ExportOnnx",
    };

    /// <summary>The record a model with several outputs returns, nested in the model's class.</summary>
    public const string OutputsRecord = "Outputs";

    /// <summary>Members the emitter declares on every block class (the instance plan, its factory and metadata).</summary>
    public static readonly IReadOnlyList<string> BlockMembers = new[]
    {
        "_plan", "Create", "Describe", "AddOnnx", "forward",
    };

    /// <summary>
    /// Public and protected members of TorchSharp's <c>Module&lt;Tensor, Tensor&gt;</c> and its bases (TorchSharp 0.107),
    /// and the extension methods called on modules, which a field of the same name would hide.
    /// </summary>
    public static readonly IReadOnlyList<string> ModuleMembers = new[]
    {
        "ClearModules", "ConditionallyRegisterBuffer", "ConditionallyRegisterParameter", "Create", "Dispose", "Equals",
        "Finalize", "GetDefaultDeviceAndType", "GetHashCode", "GetName", "GetType", "MemberwiseClone", "ReferenceEquals",
        "RegisterComponents", "ReplaceBuffer", "ReplaceParameter", "ToString", "_deviceIndex", "_deviceType",
        "_internal_buffers", "_internal_params", "_internal_submodules", "_named_buffers", "_named_parameters", "_parameters",
        "_to", "_toEpilog", "add_module", "apply", "buffers", "call", "children", "eval", "forward", "get_buffer",
        "get_parameter", "has_buffer", "has_parameter", "load", "load_state_dict", "module_post_hooks", "module_pre_hooks",
        "modules", "name", "named_buffers", "named_children", "named_modules", "named_parameters", "parameters",
        "post_hooks", "pre_hooks", "register_buffer", "register_forward_hook", "register_forward_pre_hook",
        "register_module", "register_parameter", "save", "save_state_dict", "state_dict", "train", "training", "zero_grad",
        // ModuleExtensionMethods
        "to", "cpu", "cuda", "half", "bfloat16", "@float", "@double", "type",
    };
}
