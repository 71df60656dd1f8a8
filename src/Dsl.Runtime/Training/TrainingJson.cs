using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>The JSON settings for histories and checkpoints.</summary>
internal static class TrainingJson
{
    /// <summary>
    /// Indented; NaN and infinities allowed as named literals (a diverged validation loss must not make a
    /// history or checkpoint unwritable).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
