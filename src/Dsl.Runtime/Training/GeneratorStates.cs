using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Random generators' states as text for a checkpoint's manifest: TorchSharp's global CPU generator (dropout, augmentation
/// layers without a seed) and the own generators of augmentation layers given a seed. A state is libtorch's byte tensor
/// (<c>get_state</c>), restored bit for bit with <c>set_state</c>.
/// </summary>
internal static class GeneratorStates
{
    /// <summary>The global CPU generator's state, base64.</summary>
    public static string Global()
    {
        using var state = torch.get_rng_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    /// <summary>Puts the global CPU generator back in <paramref name="state"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a generator state.</exception>
    public static void RestoreGlobal(string state, string checkpoint)
    {
        using var tensor = Decode(state, checkpoint, "the global random generator");
        torch.set_rng_state(tensor);
    }

    /// <summary>The state of every augmentation layer's own generator in <paramref name="model"/>, by module name.</summary>
    public static Dictionary<string, string> OfLayers(nn.Module model)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, generator) in LayerGenerators(model))
        {
            using var state = generator.get_state();
            states[name] = Convert.ToBase64String(state.data<byte>().ToArray());
        }
        return states;
    }

    /// <summary>
    /// Checks that <paramref name="states"/> decode and name layers of <paramref name="model"/> with their own generator,
    /// and returns a restore that cannot fail half-way; layers the states do not name keep theirs (older checkpoints have none).
    /// </summary>
    /// <exception cref="InvalidDataException">A state does not decode, or names no such layer.</exception>
    public static Action PrepareRestore(nn.Module model, IReadOnlyDictionary<string, string> states, string checkpoint)
    {
        var layers = LayerGenerators(model).ToDictionary(l => l.Name, l => l.Generator, StringComparer.Ordinal);
        var decoded = new List<(Generator Generator, Tensor State)>();
        foreach (var (name, text) in states)
        {
            if (!layers.TryGetValue(name, out var generator))
            {
                foreach (var (_, state) in decoded)
                    state.Dispose();
                throw new InvalidDataException($"Checkpoint '{checkpoint}' holds the random generator of a layer '{name}' that this model has no seeded augmentation layer for.");
            }
            decoded.Add((generator, Decode(text, checkpoint, $"layer '{name}''s random generator")));
        }
        return () =>
        {
            foreach (var (generator, state) in decoded)
            {
                using (state)
                    generator.set_state(state);
            }
        };
    }

    private static IEnumerable<(string Name, Generator Generator)> LayerGenerators(nn.Module model) =>
        model.named_modules()
            .Where(m => m.module is ImageAugmentation { OwnGenerator: not null })
            .Select(m => (m.name, ((ImageAugmentation)m.module).OwnGenerator!));

    private static Tensor Decode(string text, string checkpoint, string what)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException error)
        {
            throw new InvalidDataException($"Checkpoint '{checkpoint}': the state of {what} is not readable: {error.Message}", error);
        }
        if (bytes.Length == 0)
            throw new InvalidDataException($"Checkpoint '{checkpoint}': the state of {what} is empty.");
        return torch.tensor(bytes, ScalarType.Byte);
    }
}
