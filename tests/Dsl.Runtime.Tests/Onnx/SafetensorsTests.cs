using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dsl.Runtime.Tests.Data;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Onnx;

/// <summary>Weights as safetensors: the state dict's keys and exact values, there and back.</summary>
public sealed class SafetensorsTests
{
    [Fact]
    public void Written_and_read_back_the_weights_are_identical_under_the_state_dict_keys()
    {
        using var folder = new TempDirectory();
        string path = folder.File("weights.safetensors");
        using var generator = new Generator(11);
        using var source = new BatchNormDigits();
        OnnxExportTests.Perturb(source, generator);
        source.SaveSafetensors(path);

        using var target = new BatchNormDigits();
        target.LoadSafetensors(path);

        var expected = source.state_dict();
        var actual = target.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("batch_normalization_1.running_mean", expected.Keys);
        foreach (var (key, tensor) in expected)
        {
            Assert.Equal(tensor.dtype, actual[key].dtype);
            Assert.Equal(tensor.shape, actual[key].shape);
            Assert.True(tensor.eq(actual[key]).all().item<bool>(), $"{key} differs after the round trip");
        }
        Assert.Equal(new[] { "weights.safetensors" }, folder.FileNames());
    }

    [Fact]
    public void The_file_is_standard_safetensors_with_the_state_dict_keys_dtypes_and_shapes()
    {
        using var folder = new TempDirectory();
        string path = folder.File("weights.safetensors");
        using var model = new SeedResidualCnn();
        model.SaveSafetensors(path);

        // The format itself, read without PyBridge: an 8-byte little-endian header length, then a JSON header.
        var bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var entries = header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__").ToDictionary(e => e.Name, e => e.Value);
        var state = model.state_dict();
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in state)
        {
            Assert.Equal("F32", entries[key].GetProperty("dtype").GetString());
            Assert.Equal(tensor.shape, entries[key].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
            var offsets = entries[key].GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var stored = new float[(offsets[1] - offsets[0]) / 4];
            Buffer.BlockCopy(bytes, (int)(8 + headerLength + offsets[0]), stored, 0, stored.Length * 4);
            Assert.Equal(tensor.data<float>().ToArray(), stored);
        }
    }

    [Fact]
    public void Loading_a_damaged_file_or_another_models_weights_is_a_clear_error()
    {
        using var folder = new TempDirectory();
        using var model = new BatchNormDigits();
        string damaged = folder.Write("damaged.safetensors", new byte[] { 1, 2, 3 });
        var error = Assert.Throws<InvalidDataException>(() => model.LoadSafetensors(damaged));
        Assert.Contains("damaged.safetensors", error.Message, StringComparison.Ordinal);

        string other = folder.File("other.safetensors");
        using (var seed = new SeedModel1())
            seed.SaveSafetensors(other);
        Assert.Throws<InvalidDataException>(() => model.LoadSafetensors(other));

        Assert.Throws<FileNotFoundException>(() => model.LoadSafetensors(folder.File("missing.safetensors")));
    }
}
