using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using System.Threading;

namespace Dsl.Generator.Parsing;

/// <summary>
/// Reads a layer attribute's arguments into the options of its kind: constructor parameters and named arguments
/// alike, each matched by name to the option the kind's description declares (the same objects the YAML parser
/// uses). When one attribute sets an option through two spellings, the per-axis array wins over the single value
/// (<c>Strides</c> over <c>Stride</c>, <c>DilationRates</c> over <c>DilationRate</c>), else the option's first spelling.
/// The text form (<c>[Conv2D("filters: $filters, kernel_size: 3")]</c>) is read as the layer's YAML entry is.
/// </summary>
internal static class AttributeOptionBinder
{
    /// <summary>The constructor parameter of every kind's text form (<c>LayerAttribute(string options)</c>).</summary>
    public const string TextParameter = "options";

    /// <returns>The layer, or null after reporting a problem in its text form.</returns>
    /// <param name="absolute">Where the attribute is, for problems reported here.</param>
    /// <param name="location">Where the attribute is, as the spec keeps it (relative to its anchor).</param>
    public static LayerSpec? Bind(LayerDefinition kind, AttributeData attribute, SourceLocation absolute, SourceLocation location, string subject, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var given = new Dictionary<LayerOption, (int Rank, OptionValue Value)>();
        var fromText = new Dictionary<LayerOption, OptionValue>();
        var constructor = attribute.AttributeConstructor;
        if (constructor is { Parameters.Length: 1 } && constructor.Parameters[0].Name == TextParameter && attribute.ConstructorArguments[0].Value is string text)
        {
            var (node, locator) = AttributeText.Read(attribute, TextParameter, text, mapping: false, diagnostics, cancellationToken);
            if (node is null)
                return null;
            var anchor = location.Anchor is { } key
                ? new Anchor(key, absolute.FilePath, absolute.Span.Start - location.Span.Start, absolute.LineSpan.Start.Line - location.LineSpan.Start.Line)
                : null;
            var reader = new YamlOptionReader(locator, diagnostics) { ToSpec = at => anchor is null ? at : at.RelativeTo(anchor) };
            var read = reader.LayerOptions(node, kind, subject, locator.Location(node.Start, node.End), attributeText: true);
            if (read is null)
                return null;
            foreach (var (option, value) in read)
                fromText[option] = value;
        }
        else if (constructor is not null)
        {
            for (int i = 0; i < constructor.Parameters.Length && i < attribute.ConstructorArguments.Length; i++)
                Set(kind, constructor.Parameters[i].Name, attribute.ConstructorArguments[i], given);
        }
        foreach (var named in attribute.NamedArguments)
            Set(kind, named.Key, named.Value, given);

        bool valid = true;
        foreach (var option in given.Keys.Where(fromText.ContainsKey))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, absolute,
                option.YamlKeys[0], subject + "'s options text", option.Name + " (set as a property)", Invariant.ToText(absolute.LineSpan.Start.Line + 1)));
            valid = false;
        }
        if (!valid)
            return null;
        var options = kind.Options
            .Where(o => given.ContainsKey(o) || fromText.ContainsKey(o))
            .Select(option => (option, fromText.TryGetValue(option, out var value) ? value : given[option].Value));
        return new LayerSpec(kind.Kind, location).WithOptions(options);
    }

    private static void Set(LayerDefinition kind, string member, TypedConstant constant, Dictionary<LayerOption, (int Rank, OptionValue Value)> given)
    {
        if (member == nameof(LayerAttribute.Options))
            return;
        var option = kind.FindSpelling(member)
            ?? throw new InvalidOperationException(kind.AttributeName + "." + member + " is not an option of the " + kind.Kind + " kind's description");
        int rank = (constant.Kind == TypedConstantKind.Array ? 0 : option.Spellings.Count) + IndexOf(option.Spellings, member);
        if (constant.IsNull || option.FromAttribute(constant) is not { } read || option.Normalize(read) is not { } value)
            return;
        if (given.TryGetValue(option, out var earlier) && earlier.Rank < rank)
            return;
        given[option] = (rank, value);
    }

    private static int IndexOf(IReadOnlyList<string> spellings, string member)
    {
        for (int i = 0; i < spellings.Count; i++)
        {
            if (string.Equals(spellings[i], member, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return spellings.Count;
    }
}
