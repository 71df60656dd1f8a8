using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Diagnostics;

/// <summary>
/// A diagnostic as plain values, so it can sit in a cached pipeline model. Its locations may be relative to a
/// declaration's anchor (see <see cref="SourceLocation"/>); <see cref="Resolve"/> makes them absolute for reporting.
/// <see cref="AdditionalLocations"/> point at further places involved (inside a block, the layer that fails at a use).
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SourceLocation Location, EquatableArray<string> Arguments)
{
    public EquatableArray<SourceLocation> AdditionalLocations { get; init; } = EquatableArray<SourceLocation>.Empty;

    /// <summary>What its code fix needs to know (<see cref="FixProperties"/>), as key/value pairs.</summary>
    public EquatableArray<FixProperty> Properties { get; init; } = EquatableArray<FixProperty>.Empty;

    /// <summary>This diagnostic with <paramref name="key"/> set for its code fix.</summary>
    public DiagnosticInfo WithFix(string key, string value) =>
        this with { Properties = Properties.Where(p => p.Key != key).Append(new FixProperty(key, value)).ToEquatableArray() };

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments)
    {
        var text = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
            text[i] = Invariant.ForMessage(Invariant.ToText(arguments[i]));
        return new DiagnosticInfo(descriptor, location, new EquatableArray<string>(text));
    }

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    /// <summary>The formatted message, as the compiler will show it.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), Arguments.Cast<object>().ToArray());

    /// <summary>Every location absolute, against the current run's anchors.</summary>
    public DiagnosticInfo Resolve(IReadOnlyDictionary<string, Anchor> anchors) => this with
    {
        Location = Location.Resolve(anchors),
        AdditionalLocations = AdditionalLocations.Select(l => l.Resolve(anchors)).Where(l => !l.IsNone).ToEquatableArray(),
    };

    public Diagnostic ToDiagnostic(Compilation? compilation)
    {
        var arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
            arguments[i] = Arguments[i];
        var additional = AdditionalLocations.Select(l => l.ToLocation(compilation)).Where(l => l != Microsoft.CodeAnalysis.Location.None);
        var properties = Properties.Count == 0 ? null : Properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value);
        return Diagnostic.Create(Descriptor, Location.ToLocation(compilation), additional, properties, arguments);
    }
}

/// <summary>One of a diagnostic's <see cref="DiagnosticInfo.Properties"/>.</summary>
internal sealed record FixProperty(string Key, string Value);
