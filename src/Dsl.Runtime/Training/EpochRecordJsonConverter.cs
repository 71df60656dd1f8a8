using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Training;

/// <summary>
/// An epoch as one flat JSON object, Keras's history keys beside <c>epoch</c>, <c>seconds</c> and
/// <c>learning_rate</c>; every other number is a log (so records written before metrics were general read the same).
/// </summary>
internal sealed class EpochRecordJsonConverter : JsonConverter<EpochRecord>
{
    private const string EpochName = "epoch";
    private const string SecondsName = "seconds";
    private const string LearningRateName = "learning_rate";

    public override EpochRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("An epoch record is a JSON object.");
        int? epoch = null;
        double seconds = 0;
        double? learningRate = null;
        var logs = new List<KeyValuePair<string, double>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString() ?? throw new JsonException("An epoch record's property has no name.");
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
                continue;
            double value = JsonSerializer.Deserialize<double>(ref reader, options);
            switch (name)
            {
                case EpochName:
                    epoch = checked((int)value);
                    break;
                case SecondsName:
                    seconds = value;
                    break;
                case LearningRateName:
                    learningRate = value;
                    break;
                default:
                    logs.Add(new(name, value));
                    break;
            }
        }
        if (epoch is null)
            throw new JsonException("An epoch record needs its 'epoch' number.");
        try
        {
            return new EpochRecord(epoch.Value, logs, seconds) { LearningRate = learningRate };
        }
        catch (ArgumentException error)
        {
            throw new JsonException($"Epoch {epoch} of the history is not valid: {error.Message}", error);
        }
    }

    public override void Write(Utf8JsonWriter writer, EpochRecord value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(EpochName, value.Epoch);
        foreach (var (name, log) in value.Logs)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, log, options);
        }
        writer.WritePropertyName(SecondsName);
        JsonSerializer.Serialize(writer, value.Seconds, options);
        writer.WritePropertyName(LearningRateName);
        if (value.LearningRate is { } rate)
            JsonSerializer.Serialize(writer, rate, options);
        else
            writer.WriteNullValue();
        writer.WriteEndObject();
    }
}
