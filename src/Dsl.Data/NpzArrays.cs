using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// The arrays of an <c>.npz</c> archive by name (the member name without <c>.npy</c>, as <c>np.load(path)[name]</c>),
/// in the archive's order. Owns the tensors and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class NpzArrays : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    private readonly Dictionary<string, Tensor> _arrays;
    private readonly string[] _names;

    internal NpzArrays(IReadOnlyList<KeyValuePair<string, Tensor>> arrays, IReadOnlyList<string> otherMembers)
    {
        _names = arrays.Select(pair => pair.Key).ToArray();
        _arrays = arrays.ToDictionary(pair => pair.Key, pair => pair.Value.DetachFromDisposeScope(), StringComparer.Ordinal);
        OtherMembers = otherMembers;
    }

    /// <summary>Members of the archive that are not <c>.npy</c> arrays (NumPy would hand them out as raw bytes); not read.</summary>
    public IReadOnlyList<string> OtherMembers { get; }

    /// <summary>The array named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such array; the message lists the names there are.</exception>
    public Tensor this[string key] =>
        _arrays.TryGetValue(key, out Tensor? tensor)
            ? tensor
            : throw new KeyNotFoundException(
                $"The archive has no array named '{key}'; it has {(_names.Length == 0 ? "none" : string.Join(", ", _names.Select(n => $"'{n}'")))}.");

    /// <summary>The array names, in the archive's order.</summary>
    public IEnumerable<string> Keys => _names;

    /// <summary>The tensors, in the archive's order.</summary>
    public IEnumerable<Tensor> Values => _names.Select(name => _arrays[name]);

    /// <summary>The number of arrays.</summary>
    public int Count => _names.Length;

    /// <summary>Whether there is an array named <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => _arrays.ContainsKey(key);

    /// <summary>The array named <paramref name="key"/>, if there is one.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value) => _arrays.TryGetValue(key, out value);

    /// <summary>The arrays with their names, in the archive's order.</summary>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() =>
        _names.Select(name => new KeyValuePair<string, Tensor>(name, _arrays[name])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Frees every tensor.</summary>
    public void Dispose()
    {
        foreach (Tensor tensor in _arrays.Values)
        {
            tensor.Dispose();
        }
    }
}
