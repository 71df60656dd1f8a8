using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>A block at one use: its graph (null when it does not fit), the instance's id, and the errors inside it.</summary>
internal sealed record InstanceResult(GraphPlan? Plan, string PlanId, IReadOnlyList<DiagnosticInfo> Errors);

/// <summary>
/// What one model's analysis shares across its graphs: the block library, which blocks are sound (checked on their
/// own once), and each block instance already worked out, so that a block used many times with the same arguments and
/// input types (ResNet's identity blocks) is analysed once.
/// </summary>
internal sealed class AnalysisSession
{
    /// <summary>How deep blocks may nest inside blocks.</summary>
    public const int MaxDepth = 32;

    private readonly Dictionary<string, bool> _valid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstanceResult> _instances = new(StringComparer.Ordinal);
    private readonly List<string> _instantiating = new();

    public AnalysisSession(BlockLibrary library) => Library = library;

    public BlockLibrary Library { get; }

    /// <summary>The nesting depth of the instance being analysed.</summary>
    public int Depth => _instantiating.Count;

    /// <summary>
    /// Whether <paramref name="block"/> is sound on its own: its declaration has no errors, it uses no block that leads
    /// back to it, and every block it uses is sound. Its errors are reported at its declaration, not here.
    /// </summary>
    public bool IsValid(GraphSpec block)
    {
        if (block.IsBroken)
            return false;
        if (_valid.TryGetValue(block.AnchorKey, out bool known))
            return known;
        _valid[block.AnchorKey] = false;
        bool valid = !GraphRun.CheckDeclaration(block, this).Any(d => d.IsError)
            && UsedBlocks(block).All(IsValid);
        _valid[block.AnchorKey] = valid;
        return valid;
    }

    /// <summary>
    /// The path by which <paramref name="used"/> leads back to <paramref name="user"/> through the blocks it uses
    /// (<c>A → B → A</c>), or null when it does not.
    /// </summary>
    public string? CycleThrough(GraphSpec user, GraphSpec used)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { user.ClassName };
        return Leads(used) ? string.Join(" → ", path) : null;

        bool Leads(GraphSpec block)
        {
            path.Add(block.ClassName);
            if (block.AnchorKey == user.AnchorKey)
                return true;
            if (seen.Add(block.AnchorKey))
            {
                foreach (var next in UsedBlocks(block))
                {
                    if (Leads(next))
                        return true;
                }
            }
            path.RemoveAt(path.Count - 1);
            return false;
        }
    }

    /// <summary>
    /// <paramref name="block"/> applied to inputs of <paramref name="inputs"/> with <paramref name="arguments"/> (one per
    /// parameter, in the block's order): worked out once per distinct instance.
    /// </summary>
    public InstanceResult Instantiate(GraphSpec block, IReadOnlyList<TensorType> inputs, IReadOnlyList<Value> arguments)
    {
        string key = block.AnchorKey + "|" + string.Join(";", inputs) + "|" + string.Join(";", arguments);
        if (_instances.TryGetValue(key, out var cached))
            return cached;
        InstanceResult result;
        if (_instantiating.Contains(block.AnchorKey) || _instantiating.Count >= MaxDepth)
        {
            result = new InstanceResult(null, string.Empty, Array.Empty<DiagnosticInfo>());
        }
        else
        {
            _instantiating.Add(block.AnchorKey);
            try
            {
                var parameters = new Dictionary<string, Value>(StringComparer.Ordinal);
                for (int i = 0; i < block.Parameters.Count; i++)
                    parameters[block.Parameters[i].Name] = arguments[i];
                var (plan, diagnostics) = GraphRun.Instantiate(block, this, inputs, parameters);
                result = new InstanceResult(plan, PlanId(inputs, block, arguments), diagnostics.Where(d => d.IsError).ToList());
            }
            finally
            {
                _instantiating.RemoveAt(_instantiating.Count - 1);
            }
        }
        _instances[key] = result;
        return result;
    }

    /// <summary>The blocks <paramref name="block"/> uses directly (those that resolve to one block).</summary>
    public IEnumerable<GraphSpec> UsedBlocks(GraphSpec block) =>
        block.Nodes.OfType<UseSpec>()
            .SelectMany(use => use.Blocks)
            .Select(name => Library.Resolve(name, block.Namespace))
            .Where(found => found.Count == 1)
            .Select(found => found[0]);

    /// <summary>
    /// The C# name of an instance's plan: readable (<c>Plan_256x56x56_filters64_stride2_…</c>) and unique, since the
    /// same block, input types and arguments always make the same instance and nothing else does (a hash of the exact
    /// text ends the name).
    /// </summary>
    public static string PlanId(IReadOnlyList<TensorType> inputs, GraphSpec block, IReadOnlyList<Value> arguments)
    {
        var canonical = new StringBuilder();
        canonical.Append(string.Join(";", inputs)).Append('|');
        for (int i = 0; i < arguments.Count; i++)
            canonical.Append(block.Parameters[i].Name).Append('=').Append(arguments[i]).Append(';');
        var readable = new StringBuilder("Plan_");
        readable.Append(string.Join("_", inputs.Select(t => string.Join("x", t.Shape) + (t.IsFloating ? string.Empty : DTypes.Name(t.DType)))));
        for (int i = 0; i < arguments.Count && readable.Length < 80; i++)
            readable.Append('_').Append(block.Parameters[i].Name).Append(arguments[i].ToString());
        var id = new StringBuilder();
        foreach (char c in readable.ToString())
            id.Append(char.IsLetterOrDigit(c) && c < 128 ? c : c == '.' ? 'p' : c == '-' ? 'm' : '_');
        if (id.Length > 80)
            id.Length = 80;
        return id.Append('_').Append(Hash(canonical.ToString()).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>FNV-1a over the UTF-16 code units: the same on every machine and run.</summary>
    private static uint Hash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash = unchecked(hash * 16777619);
        }
        return hash;
    }
}
