using System.Text.Json;
using System.Text.Json.Serialization;
using Dsl.Training;

namespace Dsl.Reporting;

/// <summary>The JSON settings for run records.</summary>
internal static class ReportJson
{
    /// <summary>
    /// The training settings (indented; NaN and infinities as named literals, so a diverged loss stays writable) plus:
    /// snake_case names, matching <see cref="EpochRecord"/>'s Keras-style <c>val_loss</c>; enums as strings;
    /// nulls rejected where the type says non-null; integer lists (shapes) on one line. Missing optional properties keep their defaults and unknown
    /// ones are ignored, so records from slightly older or newer builds of the same format still read.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(TrainingJson.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new CompactIntListConverter() },
    };
}
