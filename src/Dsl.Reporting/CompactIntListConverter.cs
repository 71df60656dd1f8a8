using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Reporting;

/// <summary>
/// Writes shapes, windows and strides on one line (<c>[1, 28, 28]</c>) inside otherwise indented JSON, where they
/// would take a line per number and bury the record's structure. Reads any JSON array of integers.
/// </summary>
internal sealed class CompactIntListConverter : JsonConverter<IReadOnlyList<int>>
{
    /// <inheritdoc />
    public override IReadOnlyList<int> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException($"Expected an array of integers, found {reader.TokenType}.");
        var values = new List<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value))
                throw new JsonException($"Expected an integer, found {reader.TokenType}.");
            values.Add(value);
        }
        return values.ToArray();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<int> value, JsonSerializerOptions options) =>
        // Integers need no escaping or culture: the raw text is valid JSON by construction.
        writer.WriteRawValue("[" + string.Join(", ", value.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]", skipInputValidation: true);
}
