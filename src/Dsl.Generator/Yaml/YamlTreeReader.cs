using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Dsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Dsl.Generator.Yaml;

/// <summary>What reading a YAML text gave: the document's root node (null for an empty file), or the first problem.</summary>
internal sealed record YamlReadResult(YamlTreeNode? Root, YamlReadError? Error);

/// <summary>A problem that stops reading: malformed YAML (DSL101) or a feature model specs do not support (DSL112).</summary>
internal sealed record YamlReadError(DiagnosticDescriptor Descriptor, string Message, YamlPosition Start, YamlPosition End);

/// <summary>
/// Builds a <see cref="YamlTreeNode"/> tree from YamlDotNet's parser events, keeping every node's line and
/// column. Iterative with an explicit stack and a depth limit, so no input can exhaust the compiler's stack.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>A model spec needs five levels; anything much deeper is a mistake or hostile input.</summary>
    public const int MaxDepth = 32;

    public static YamlReadResult Read(string text, CancellationToken cancellationToken)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        YamlTreeNode? root = null;
        int documents = 0;
        var last = new YamlPosition(1, 1);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ParsingEvent current;
            try
            {
                if (!parser.MoveNext())
                    break;
                current = parser.Current!;
            }
            catch (YamlException e)
            {
                var (from, to) = e.Message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0
                    ? IndentingTab(text, Position(e.Start)) ?? (Position(e.Start), Position(e.End))
                    : (Position(e.Start), Position(e.End));
                return Fail(DiagnosticDescriptors.InvalidYaml, e.Message, from, to);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // YamlDotNet failing in an unexpected way is still a statement about this text, not about the
                // generator: report it where parsing stopped rather than as an internal error.
                return Fail(DiagnosticDescriptors.InvalidYaml, "the YAML parser failed (" + e.GetType().Name + ": " + e.Message + ")", last, last);
            }

            var start = Position(current.Start);
            var end = Position(current.End);
            last = start;
            switch (current)
            {
                case DocumentStart when ++documents > 1:
                    return Fail(DiagnosticDescriptors.UnsupportedYaml, "a second YAML document ('---'); a model spec file holds one model", start, end);

                case Scalar scalar:
                {
                    var node = new YamlScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && IsNonSpecific(scalar.Tag), TagText(scalar.Tag), start, end);
                    Remember(anchors, scalar.Anchor, node);
                    Add(stack, node, ref root);
                    break;
                }

                case AnchorAlias alias:
                {
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        return Fail(DiagnosticDescriptors.InvalidYaml, "the alias '*" + alias.Value.Value + "' refers to no anchor defined before it", start, end);
                    Add(stack, target.At(start, end), ref root);
                    break;
                }

                case SequenceStart sequence:
                    if (stack.Count >= MaxDepth)
                        return TooDeep(start);
                    stack.Push(new Frame(start, isMapping: false, sequence.Style == SequenceStyle.Flow, sequence.Anchor));
                    break;

                case MappingStart mapping:
                    if (stack.Count >= MaxDepth)
                        return TooDeep(start);
                    stack.Push(new Frame(start, isMapping: true, mapping.Style == MappingStyle.Flow, mapping.Anchor));
                    break;

                case SequenceEnd:
                case MappingEnd:
                {
                    var frame = stack.Pop();
                    // A flow collection ends after its closing bracket; a block one after its last entry.
                    var close = frame.IsFlow ? start.Next : frame.LastEnd;
                    YamlTreeNode node = frame.IsMapping
                        ? new YamlMappingNode(frame.Start, close, frame.Entries)
                        : new YamlSequenceNode(frame.Start, close, frame.Items);
                    Remember(anchors, frame.Anchor, node);
                    Add(stack, node, ref root);
                    break;
                }
            }
        }
        return new YamlReadResult(root, null);
    }

    private static void Add(Stack<Frame> stack, YamlTreeNode node, ref YamlTreeNode? root)
    {
        if (stack.Count == 0)
            root = node;
        else
            stack.Peek().Add(node);
    }

    private static void Remember(Dictionary<string, YamlTreeNode> anchors, AnchorName anchor, YamlTreeNode node)
    {
        // A later anchor with the same name replaces the earlier one, as YAML specifies.
        if (!anchor.IsEmpty)
            anchors[anchor.Value] = node;
    }

    private static bool IsNonSpecific(TagName tag) => tag.IsEmpty || tag.IsNonSpecific;

    private static string TagText(TagName tag) => IsNonSpecific(tag) ? string.Empty : tag.Value;

    /// <summary>
    /// YamlDotNet marks a tab in the indentation at the start of the enclosing mapping; point at the first tab
    /// in a line's indentation from there on instead, which is what the user has to fix.
    /// </summary>
    private static (YamlPosition, YamlPosition)? IndentingTab(string text, YamlPosition from)
    {
        int line = 1, column = 1;
        bool indentation = true;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                indentation = true;
                continue;
            }
            if (c == '\t' && indentation && line >= from.Line)
                return (new YamlPosition(line, column), new YamlPosition(line, column + 1));
            if (c != ' ' && c != '\t' && c != '\r')
                indentation = false;
            column++;
        }
        return null;
    }

    private static YamlPosition Position(Mark mark) =>
        new(mark.Line < 1 ? 1 : (int)Math.Min(mark.Line, int.MaxValue), mark.Column < 1 ? 1 : (int)Math.Min(mark.Column, int.MaxValue));

    // A collection's start event has an empty range; cover its first character (the bracket or first key).
    private static YamlReadResult TooDeep(YamlPosition start) =>
        Fail(DiagnosticDescriptors.UnsupportedYaml, "nesting deeper than " + Invariant.ToText(MaxDepth) + " levels", start, start.Next);

    private static YamlReadResult Fail(DiagnosticDescriptor descriptor, string message, YamlPosition start, YamlPosition end) =>
        new(null, new YamlReadError(descriptor, message, start, end));

    /// <summary>A collection being read.</summary>
    private sealed class Frame
    {
        private YamlTreeNode? _pendingKey;

        public Frame(YamlPosition start, bool isMapping, bool isFlow, AnchorName anchor)
        {
            Start = start;
            LastEnd = start;
            IsMapping = isMapping;
            IsFlow = isFlow;
            Anchor = anchor;
        }

        public YamlPosition Start { get; }

        public YamlPosition LastEnd { get; private set; }

        public bool IsMapping { get; }

        public bool IsFlow { get; }

        public AnchorName Anchor { get; }

        public List<YamlTreeNode> Items { get; } = new();

        public List<KeyValuePair<YamlTreeNode, YamlTreeNode>> Entries { get; } = new();

        public void Add(YamlTreeNode node)
        {
            if (!IsMapping)
            {
                Items.Add(node);
                LastEnd = node.End;
            }
            else if (_pendingKey is null)
            {
                _pendingKey = node;
                LastEnd = node.End;
            }
            else
            {
                // An omitted value ("conv2d:") is an empty scalar that YamlDotNet marks at the next token;
                // give it its key's range instead, so that "... but is empty" points at the key and no range
                // stretches over later lines.
                if (node is YamlScalarNode { IsPlain: true, Value.Length: 0 } && Compare(node.Start, node.End) == 0)
                    node = node.At(_pendingKey.Start, _pendingKey.End);
                Entries.Add(new KeyValuePair<YamlTreeNode, YamlTreeNode>(_pendingKey, node));
                _pendingKey = null;
                if (Compare(node.End, LastEnd) > 0)
                    LastEnd = node.End;
            }
        }

        private static int Compare(YamlPosition a, YamlPosition b) =>
            a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
    }
}
