namespace Dsl.Tool;

/// <summary>How <c>dsl predict</c> prints its predictions.</summary>
internal enum PredictFormat
{
    /// <summary>A line per input: <c>digit.png: 7 (probability 0.9912)</c>.</summary>
    Text,

    /// <summary>A header, then a row per input: <c>input,class,probability</c>, or <c>input,output_0,…</c> for raw outputs.</summary>
    Csv,

    /// <summary>An array of objects: input, class, probability and the raw outputs.</summary>
    Json,
}
