using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Dsl.Generator.Emit;

/// <summary>The kinds of literal the emitters write, and how a block class reads one from its instance's plan instead.</summary>
internal enum LiteralKind
{
    Int,
    Long,
    Double,
    Float,
    Bool,
    /// <summary>A nested block use's instance plan (<c>global::Zoo.Inner.Plan_…</c>).</summary>
    Plan,
}

/// <summary>
/// Turns the numbers in generated code into holes, so that one block class serves every use of the block.
/// <para>
/// Every literal of generated code goes through <see cref="CSharp"/> (and <see cref="OnnxCode"/> for ONNX floats). While
/// a <see cref="Capture"/> is open on the thread, each one is written as a numbered marker and recorded instead. A block
/// is rendered this way once per instance: instances whose marked text is the same share one class (a variant), the
/// holes on which they all agree are written back as literals, and the rest are read from the instance's plan
/// (<c>_plan.L[3]</c>). Layer kinds know nothing of this: they emit as they always do.
/// </para>
/// </summary>
internal static class Literals
{
    private const char Open = '\u0001';
    private const char Close = '\u0002';

    [ThreadStatic]
    private static List<Literal>? t_captured;

    /// <summary>A literal as written, with its kind.</summary>
    public readonly record struct Literal(LiteralKind Kind, string Text);

    /// <summary>Records literals on this thread until disposed; <paramref name="captured"/> fills as code is emitted.</summary>
    public static IDisposable Capture(out List<Literal> captured)
    {
        var previous = t_captured;
        captured = t_captured = new List<Literal>();
        return new Scope(previous);
    }

    /// <summary>The literal's text, or its marker while a capture is open.</summary>
    public static string Emit(LiteralKind kind, string text)
    {
        if (t_captured is not { } captured)
            return text;
        captured.Add(new Literal(kind, text));
        return Open + captured.Count.ToString(CultureInfo.InvariantCulture) + Close;
    }

    /// <summary>The text with marker <c>k</c> (1-based) replaced by <paramref name="replace"/>(k − 1).</summary>
    public static string Fill(string marked, Func<int, string> replace)
    {
        var text = new StringBuilder(marked.Length);
        for (int i = 0; i < marked.Length; i++)
        {
            if (marked[i] != Open)
            {
                text.Append(marked[i]);
                continue;
            }
            int end = marked.IndexOf(Close, i);
            int index = int.Parse(marked.Substring(i + 1, end - i - 1), CultureInfo.InvariantCulture);
            text.Append(replace(index - 1));
            i = end;
        }
        return text.ToString();
    }

    private sealed class Scope : IDisposable
    {
        private readonly List<Literal>? _previous;

        public Scope(List<Literal>? previous) => _previous = previous;

        public void Dispose() => t_captured = _previous;
    }
}
