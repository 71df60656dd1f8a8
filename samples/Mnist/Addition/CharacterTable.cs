using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Samples.Mnist.Addition;

/// <summary>
/// Keras's <c>CharacterTable</c> in the addition example: the characters sorted, each one a one-hot row, and back from
/// scores (the best character per step) to text.
/// </summary>
internal sealed class CharacterTable
{
    private readonly Dictionary<char, int> _indices;

    public CharacterTable(string characters)
    {
        Characters = characters.Distinct().Order().ToArray();
        _indices = Characters.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    /// <summary>The characters, in the order of the one-hot rows.</summary>
    public IReadOnlyList<char> Characters { get; }

    /// <summary>Texts of at most <paramref name="length"/> characters as one-hot rows, (texts, length, characters); rows past a text's end stay zero.</summary>
    public Tensor Encode(IReadOnlyList<string> texts, int length)
    {
        var values = new float[texts.Count * length * Characters.Count];
        for (int t = 0; t < texts.Count; t++)
        {
            if (texts[t].Length > length)
                throw new ArgumentException($"'{texts[t]}' is longer than {length} characters.", nameof(texts));
            for (int i = 0; i < texts[t].Length; i++)
                values[(((t * length) + i) * Characters.Count) + Index(texts[t][i])] = 1;
        }
        return tensor(values).reshape(texts.Count, length, Characters.Count);
    }

    /// <summary>The best character of each step: scores or one-hot rows (texts, length, characters) back to text.</summary>
    public IReadOnlyList<string> Decode(Tensor scores)
    {
        var best = scores.argmax(-1).to_type(ScalarType.Int64);
        long length = best.shape[1];
        var indices = best.contiguous().data<long>().ToArray();
        return Enumerable.Range(0, (int)best.shape[0])
            .Select(t => new string(Enumerable.Range(0, (int)length).Select(i => Characters[(int)indices[(t * length) + i]]).ToArray()))
            .ToArray();
    }

    private int Index(char c) =>
        _indices.TryGetValue(c, out int index) ? index : throw new ArgumentException($"'{c}' is not one of the table's characters ({new string(Characters.ToArray())}).");
}
