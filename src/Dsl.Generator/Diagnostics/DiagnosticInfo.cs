using Dsl.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Diagnostics;

/// <summary>A diagnostic as plain values, so it can sit in a cached pipeline model.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SourceLocation Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments)
    {
        var text = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
            text[i] = Invariant.ToText(arguments[i]);
        return new DiagnosticInfo(descriptor, location, new EquatableArray<string>(text));
    }

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public Diagnostic ToDiagnostic(Compilation? compilation)
    {
        var arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
            arguments[i] = Arguments[i];
        return Diagnostic.Create(Descriptor, Location.ToLocation(compilation), arguments);
    }
}
