using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;
using Dsl.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Generator.Parsing;

/// <summary>
/// Turns a class carrying DSL attributes into a <see cref="ModelSpec"/>. Runs inside the pipeline's transform
/// and keeps nothing from Roslyn but plain values.
/// </summary>
internal static class AttributeModelParser
{
    private const string TorchModule = "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>";

    /// <summary>Parses the model whose [Input] triggered the pipeline.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax declaration)
            return ParseResult.Skip;

        var attributes = DslAttributes(type);
        // [Input] on several partial declarations is a compiler error already; generate once, for the first.
        var input = attributes.FirstOrDefault(a => Name(a) == AttributeNames.Input);
        if (input is null || !SameApplication(input, context.Attributes[0]))
            return ParseResult.Skip;
        // An attribute the compiler could not bind has its own compiler error; say nothing more.
        if (attributes.Any(a => a.AttributeConstructor is null))
            return ParseResult.Skip;

        var classLocation = SourceLocation.From(declaration.Identifier.GetLocation());
        var diagnostics = new List<DiagnosticInfo>();
        CheckClass(type, declaration, classLocation, diagnostics, cancellationToken);

        var declarations = attributes
            .Select(a => a.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
            .Distinct()
            .Count();
        if (declarations > 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersOnSeveralDeclarations, classLocation, type.Name));
        if (diagnostics.Count > 0)
            return new ParseResult(null, diagnostics.ToEquatableArray());

        var layers = new List<LayerSpec>();
        long? expected = null;
        var expectedLocation = SourceLocation.None;
        foreach (var attribute in attributes)
        {
            var location = Location(attribute, cancellationToken);
            var name = Name(attribute);
            if (name == AttributeNames.ExpectParameters)
            {
                expected = Long(attribute.ConstructorArguments, 0);
                expectedLocation = location;
            }
            else if (name is not null && LayerRegistry.FindAttribute(name) is { } kind)
            {
                layers.Add(AttributeOptionBinder.Bind(kind, attribute, location));
            }
        }

        var spec = new ModelSpec
        {
            ClassName = type.Name,
            Namespace = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes = ContainingTypes(type),
            IsAccessibleFromAssembly = IsAccessibleFromAssembly(type),
            Source = "attributes",
            Location = classLocation,
            InputShape = Ints(input.ConstructorArguments),
            InputLocation = Location(input, cancellationToken),
            Layers = layers.ToEquatableArray(),
            ExpectedParameters = expected,
            ExpectedParametersLocation = expectedLocation,
        };
        return new ParseResult(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// For a class with layer attributes but no [Input]: reports the missing input once, from the pipeline of
    /// whichever DSL attribute comes first on the class.
    /// </summary>
    public static DiagnosticInfo? FindMissingInput(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax declaration)
            return null;
        var attributes = DslAttributes(type);
        if (attributes.Length == 0 || attributes.Any(a => Name(a) == AttributeNames.Input))
            return null;
        if (!SameApplication(attributes[0], context.Attributes[0]))
            return null;
        return DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, SourceLocation.From(declaration.Identifier.GetLocation()), type.Name);
    }

    private static void CheckClass(INamedTypeSymbol type, ClassDeclarationSyntax declaration, SourceLocation location, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, location, type.Name));
        if (type.IsGenericType)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassIsGeneric, location, type.Name));
        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && baseType.ToDisplayString() != TorchModule)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassHasBaseType, location, type.Name, baseType.ToDisplayString()));
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            bool partial = outer.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, location, type.Name, outer.Name));
        }
    }

    private static ImmutableArray<AttributeData> DslAttributes(INamedTypeSymbol type) =>
        type.GetAttributes()
            .Where(a => AttributeNames.IsDsl(Name(a)))
            .OrderBy(a => a.ApplicationSyntaxReference?.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
            .ToImmutableArray();

    /// <summary>
    /// The attribute class's metadata name (<c>Dsl.Conv2DAttribute</c>), built from the namespace chain: this runs for
    /// every attribute of every model whenever the compilation changes (each keystroke in an IDE), and
    /// <c>ToDisplayString</c> would format the namespace through Roslyn's symbol display machinery each time.
    /// </summary>
    private static string? Name(AttributeData attribute)
    {
        var type = attribute.AttributeClass;
        if (type is null || type.ContainingNamespace is null)
            return null;
        var ns = type.ContainingNamespace;
        if (ns.IsGlobalNamespace)
            return type.MetadataName;
        if (ns.ContainingNamespace is { IsGlobalNamespace: true })
            return ns.Name + "." + type.MetadataName;
        return ns.ToDisplayString() + "." + type.MetadataName;
    }

    private static bool SameApplication(AttributeData a, AttributeData b) =>
        a.ApplicationSyntaxReference is { } x && b.ApplicationSyntaxReference is { } y
        && x.SyntaxTree == y.SyntaxTree && x.Span == y.Span;

    private static SourceLocation Location(AttributeData attribute, CancellationToken cancellationToken) =>
        SourceLocation.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());

    private static EquatableArray<ContainingType> ContainingTypes(INamedTypeSymbol type)
    {
        var outers = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer.TypeKind switch
            {
                TypeKind.Struct => outer.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => outer.IsRecord ? "record" : "class",
            };
            outers.Insert(0, new ContainingType(keyword, outer.Name));
        }
        return outers.ToEquatableArray();
    }

    private static bool IsAccessibleFromAssembly(INamedTypeSymbol type)
    {
        for (ISymbol? symbol = type; symbol is INamedTypeSymbol named; symbol = named.ContainingType)
        {
            if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                return false;
        }
        return true;
    }

    private static long? Long(ImmutableArray<TypedConstant> arguments, int index) =>
        index < arguments.Length && arguments[index].Value is { } value ? System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static int Int(TypedConstant constant) =>
        constant.Value is { } value ? System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static EquatableArray<int> Ints(ImmutableArray<TypedConstant> arguments) =>
        arguments.SelectMany(a => a.Kind == TypedConstantKind.Array ? a.Values : ImmutableArray.Create(a)).Select(Int).ToEquatableArray();
}
