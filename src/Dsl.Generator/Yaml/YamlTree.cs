using System.Collections.Generic;

namespace Dsl.Generator.Yaml;

/// <summary>A position in a YAML text as YamlDotNet marks it: 1-based line and column (UTF-16 code units).</summary>
internal readonly record struct YamlPosition(int Line, int Column)
{
    /// <summary>The position one character to the right, e.g. just past a closing bracket.</summary>
    public YamlPosition Next => new(Line, Column + 1);
}

/// <summary>
/// One node of a parsed YAML document with the range it covers. A tiny tree of our own rather than
/// YamlDotNet's representation model: it is built without recursion (deep nesting cannot overflow the
/// compiler's stack), keeps duplicate keys so they can be reported, and lives only inside the parse step.
/// </summary>
internal abstract class YamlTreeNode
{
    protected YamlTreeNode(YamlPosition start, YamlPosition end)
    {
        Start = start;
        End = end;
    }

    public YamlPosition Start { get; }

    /// <summary>Just past the node's last character.</summary>
    public YamlPosition End { get; }

    /// <summary>The same content seen from another place (an alias <c>*name</c>), so errors point at the alias.</summary>
    public abstract YamlTreeNode At(YamlPosition start, YamlPosition end);
}

internal sealed class YamlScalarNode : YamlTreeNode
{
    public YamlScalarNode(string value, bool isPlain, string tag, YamlPosition start, YamlPosition end)
        : base(start, end)
    {
        Value = value;
        IsPlain = isPlain;
        Tag = tag;
    }

    public string Value { get; }

    /// <summary>Unquoted and untagged: the core schema resolves it to null, a boolean, a number or a string.</summary>
    public bool IsPlain { get; }

    /// <summary>An explicit tag such as <c>tag:yaml.org,2002:str</c>, or empty.</summary>
    public string Tag { get; }

    public override YamlTreeNode At(YamlPosition start, YamlPosition end) => new YamlScalarNode(Value, IsPlain, Tag, start, end);
}

internal sealed class YamlSequenceNode : YamlTreeNode
{
    public YamlSequenceNode(YamlPosition start, YamlPosition end, List<YamlTreeNode> items)
        : base(start, end) => Items = items;

    public List<YamlTreeNode> Items { get; }

    public override YamlTreeNode At(YamlPosition start, YamlPosition end) => new YamlSequenceNode(start, end, Items);
}

internal sealed class YamlMappingNode : YamlTreeNode
{
    public YamlMappingNode(YamlPosition start, YamlPosition end, List<KeyValuePair<YamlTreeNode, YamlTreeNode>> entries)
        : base(start, end) => Entries = entries;

    /// <summary>Entries in document order, duplicates included.</summary>
    public List<KeyValuePair<YamlTreeNode, YamlTreeNode>> Entries { get; }

    public override YamlTreeNode At(YamlPosition start, YamlPosition end) => new YamlMappingNode(start, end, Entries);
}
