using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using Dsl.Reporting;
using Dsl.Runtime.Tests.Reporting;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Callbacks;

/// <summary>
/// The TensorBoard callback's event files, read back independently of TorchSharp: TFRecord framing (length, masked
/// CRC32C of the length, data, masked CRC32C of the data), then the Event and Summary protocol buffers.
/// </summary>
public sealed class TensorBoardTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Per_epoch_scalars_land_in_train_and_validation_event_files_with_valid_framing()
    {
        using var run = new CallbackHarness(new TensorBoard(_folder.Path), new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0));

        run.Run([0.5, 0.5, 0.25]);

        var train = Scalars(Path.Combine(_folder.Path, "train"));
        var validation = Scalars(Path.Combine(_folder.Path, "validation"));
        // Keras's tags and steps (the 0-based epoch index); loss in the harness is 1/epoch, accuracy 0.5.
        Assert.Equal([(0L, 1f), (1L, 0.5f), (2L, 1f / 3)], train["epoch_loss"]);
        Assert.Equal([(0L, 0.5f), (1L, 0.5f), (2L, 0.5f)], train["epoch_accuracy"]);
        Assert.Equal([(0L, 0.1f), (1L, 0.1f), (2L, 0.05f)], train["epoch_learning_rate"]);
        Assert.Equal([(0L, 0.5f), (1L, 0.5f), (2L, 0.25f)], validation["epoch_loss"]);
        Assert.Equal([(0L, 0.4f), (1L, 0.4f), (2L, 0.4f)], validation["epoch_accuracy"]);
        Assert.DoesNotContain("epoch_learning_rate", validation.Keys);
    }

    [Fact]
    public void The_confusion_matrix_is_written_as_a_png_image_summary()
    {
        var record = ClassificationTests.WithResults(Runs.Model1());
        string png = Path.Combine(_folder.Path, "confusion.png");
        ClassificationPlots.ConfusionMatrix(record, png);
        var callback = new TensorBoard(_folder.Path);

        callback.AddImage("confusion_matrix", png, step: 11, run: "test");

        var image = Events(Path.Combine(_folder.Path, "test")).SelectMany(e => e.Values).Single(v => v.Tag == "confusion_matrix");
        Assert.Equal(11, image.Step);
        Assert.Equal((700, 620), (image.Width, image.Height));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Png!.Take(4));
    }

    [Fact]
    public void A_damaged_record_fails_the_checksum()
    {
        using (var run = new CallbackHarness(new TensorBoard(_folder.Path)))
            run.Run([0.5]);
        string file = Directory.GetFiles(Path.Combine(_folder.Path, "train")).Single();
        byte[] bytes = File.ReadAllBytes(file);
        bytes[^6] ^= 0x40;   // inside the last record's data
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<InvalidDataException>(() => Events(Path.Combine(_folder.Path, "train")).ToList());
        Assert.Contains("data CRC", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, List<(long Step, float Value)>> Scalars(string folder) =>
        Events(folder).SelectMany(e => e.Values).Where(v => v.Scalar is not null)
            .GroupBy(v => v.Tag)
            .ToDictionary(g => g.Key, g => g.Select(v => (v.Step, v.Scalar!.Value)).ToList());

    /// <summary>Every event of the event files in <paramref name="folder"/>, checking each record's framing.</summary>
    private static IEnumerable<Event> Events(string folder)
    {
        var files = Directory.GetFiles(folder, "events.out.tfevents.*");
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            int at = 0;
            bool first = true;
            while (at < bytes.Length)
            {
                if (bytes.Length - at < 12)
                    throw new InvalidDataException($"{file}: a truncated record header at byte {at}.");
                var lengthBytes = bytes.AsSpan(at, 8);
                ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4)) != MaskedCrc32C(lengthBytes))
                    throw new InvalidDataException($"{file}: the length CRC of the record at byte {at} is wrong.");
                at += 12;
                var data = bytes.AsSpan(at, checked((int)length));
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + (int)length, 4)) != MaskedCrc32C(data))
                    throw new InvalidDataException($"{file}: the data CRC of the record at byte {at - 12} is wrong.");
                var e = Event.Parse(data);
                if (first)
                    Assert.Equal("brain.Event:2", e.FileVersion);   // every event file starts with its version
                first = false;
                yield return e;
                at += (int)length + 4;
            }
        }
    }

    /// <summary>TFRecord's checksum: CRC32C (Castagnoli), rotated right by 15 bits plus 0xa282ead8.</summary>
    private static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
            crc = BitOperations.Crc32C(crc, b);
        crc ^= 0xFFFFFFFF;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    }

    private sealed record SummaryValue(string Tag, long Step, float? Scalar, int Width, int Height, byte[]? Png);

    /// <summary>The fields of tensorflow's Event (wall_time 1, step 2, file_version 3, summary 5) that TorchSharp writes.</summary>
    private sealed record Event(long Step, string? FileVersion, List<SummaryValue> Values)
    {
        public static Event Parse(ReadOnlySpan<byte> data)
        {
            long step = 0;
            string? version = null;
            var summaries = new List<byte[]>();
            foreach (var (field, value, bytes) in Fields(data))
            {
                switch (field)
                {
                    case 2: step = (long)value; break;
                    case 3: version = Encoding.UTF8.GetString(bytes!); break;
                    case 5: summaries.Add(bytes!); break;
                }
            }
            var values = new List<SummaryValue>();
            foreach (var summary in summaries)
            {
                // Summary { repeated Value value = 1 }; Value { tag 1, simple_value 2 (float), image 4 }; Image { height 1, width 2, colorspace 3, encoded_image_string 4 }.
                foreach (var (_, _, valueBytes) in Fields(summary).Where(f => f.Field == 1))
                {
                    string tag = "";
                    float? scalar = null;
                    int width = 0, height = 0;
                    byte[]? png = null;
                    foreach (var (field, raw, bytes) in Fields(valueBytes!))
                    {
                        if (field == 1)
                            tag = Encoding.UTF8.GetString(bytes!);
                        else if (field == 2)
                            scalar = BitConverter.UInt32BitsToSingle((uint)raw);
                        else if (field == 4)
                        {
                            foreach (var (f, v, b) in Fields(bytes!))
                            {
                                if (f == 1) height = (int)v;
                                else if (f == 2) width = (int)v;
                                else if (f == 4) png = b;
                            }
                        }
                    }
                    values.Add(new SummaryValue(tag, step, scalar, width, height, png));
                }
            }
            return new Event(step, version, values);
        }

        /// <summary>Protocol buffer fields: number, varint or fixed value, or length-delimited bytes.</summary>
        private static List<(int Field, ulong Value, byte[]? Bytes)> Fields(ReadOnlySpan<byte> data)
        {
            var fields = new List<(int, ulong, byte[]?)>();
            int at = 0;
            while (at < data.Length)
            {
                ulong key = Varint(data, ref at);
                int field = (int)(key >> 3);
                switch (key & 7)
                {
                    case 0: fields.Add((field, Varint(data, ref at), null)); break;
                    case 1: fields.Add((field, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(at, 8)), null)); at += 8; break;
                    case 5: fields.Add((field, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(at, 4)), null)); at += 4; break;
                    case 2:
                        int length = (int)Varint(data, ref at);
                        fields.Add((field, 0, data.Slice(at, length).ToArray()));
                        at += length;
                        break;
                    default: throw new InvalidDataException($"Unexpected protocol buffer wire type {key & 7}.");
                }
            }
            return fields;
        }

        private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
        {
            ulong value = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = data[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                    return value;
            }
        }
    }
}
