using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Expressions;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Generator.Parsing;

/// <summary>
/// Turns a class carrying DSL attributes into a <see cref="GraphSpec"/>: a model ([Input]) or a block ([Block]). Runs
/// inside the pipeline's transform and keeps nothing from Roslyn but plain values; the spec's locations count from the
/// class's first attribute (its anchor).
/// </summary>
internal static class AttributeModelParser
{
    private const string TorchModule = "TorchSharp.torch.nn.Module";

    /// <summary>Parses the model or block whose [Input] or [Block] triggered the pipeline.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, GraphRole role, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax declaration)
            return ParseResult.Skip;

        var attributes = DslAttributes(type);
        string trigger = role == GraphRole.Model ? AttributeNames.Input : AttributeNames.Block;
        // [Input] on several partial declarations is one model; generate once, for the first.
        var first = attributes.FirstOrDefault(a => Name(a) == trigger);
        if (first is null || !SameApplication(first, context.Attributes[0]))
            return ParseResult.Skip;
        bool isModel = attributes.Any(a => Name(a) == AttributeNames.Input);
        bool isBlock = attributes.Any(a => Name(a) == AttributeNames.Block);
        // A class that is both is reported once, from the model's pipeline.
        if (role == GraphRole.Block && isModel)
            return ParseResult.Skip;
        var classLocation = SourceLocation.From(declaration.Identifier.GetLocation());
        string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        var containing = ContainingTypes(type);
        string fullName = string.Join(".", new[] { ns }.Where(n => n.Length > 0).Concat(containing.Select(c => c.Name)).Concat(new[] { type.Name }));
        var anchorAt = declaration.AttributeLists.Count > 0 ? declaration.AttributeLists[0].SpanStart : declaration.SpanStart;
        var anchor = new Anchor(Anchor.ForAttributes(role == GraphRole.Model ? "model" : "block", fullName), declaration.SyntaxTree.FilePath, anchorAt,
            declaration.SyntaxTree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(anchorAt, 0), cancellationToken).StartLinePosition.Line);
        // A block that does not parse stays known by name, so that its uses say it has errors.
        var broken = role == GraphRole.Block ? GraphSpec.Broken(type.Name, ns, "attributes", anchor.Key, classLocation.RelativeTo(anchor)) with { ContainingTypes = containing } : null;

        // An attribute the compiler could not bind, or whose arguments it rejects, has its own compiler error; say
        // nothing more, rather than check a model that is not what the user wrote.
        if (attributes.Any(a => HasArgumentErrors(a, context.SemanticModel, cancellationToken)))
            return broken is null ? ParseResult.Skip : new ParseResult(broken, EquatableArray<DiagnosticInfo>.Empty, anchor);

        var diagnostics = new List<DiagnosticInfo>();
        CheckClass(type, declaration, classLocation, diagnostics, cancellationToken);
        if (isModel && isBlock)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDeclaration, classLocation, type.Name,
                "is marked both [Input] and [Block]: a model declares its inputs, a block takes its inputs' shapes from each use; keep one"));
        }

        var declarations = attributes
            .Select(a => a.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
            .Distinct()
            .Count();
        if (declarations > 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersOnSeveralDeclarations, classLocation, type.Name));
        if (diagnostics.Count > 0)
            return new ParseResult(broken, diagnostics.ToEquatableArray(), anchor);

        var session = new Session(anchor, diagnostics, cancellationToken);
        foreach (var attribute in attributes)
            session.Add(attribute);
        session.Finish();
        if (role == GraphRole.Block)
            session.BlockInputs(first);
        if (diagnostics.Count > 0)
            return new ParseResult(broken, diagnostics.ToEquatableArray(), anchor);

        var spec = new GraphSpec
        {
            Role = role,
            ClassName = type.Name,
            Namespace = ns,
            ContainingTypes = containing,
            IsAccessibleFromAssembly = IsAccessibleFromAssembly(type),
            Source = "attributes",
            AnchorKey = anchor.Key,
            Location = classLocation.RelativeTo(anchor),
            Inputs = session.Inputs.ToEquatableArray(),
            Parameters = session.Parameters.ToEquatableArray(),
            Nodes = session.Nodes.ToEquatableArray(),
            Outputs = session.Outputs.ToEquatableArray(),
            ExpectedParameters = session.Expected,
            ExpectedParametersLocation = session.ExpectedLocation,
            Budget = session.Budget,
            Rewrites = session.Rewrites ?? Rewrites.All,
        };
        return new ParseResult(spec, EquatableArray<DiagnosticInfo>.Empty, anchor);
    }

    /// <summary>
    /// For a class with layer attributes but neither [Input] nor [Block]: reports the missing input once, from the
    /// declaration that carries the class's first DSL attribute.
    /// </summary>
    public static DiagnosticInfo? FindMissingInput(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.Node is not ClassDeclarationSyntax declaration
            || context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
            return null;
        var attributes = DslAttributes(type);
        if (attributes.Length == 0 || attributes.Any(a => Name(a) == AttributeNames.Input || Name(a) == AttributeNames.Block))
            return null;
        if (attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<ClassDeclarationSyntax>() != declaration)
            return null;
        return DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, SourceLocation.From(declaration.Identifier.GetLocation()), type.Name);
    }

    /// <summary>Reads the class's attributes, in source order, into the parts of a spec.</summary>
    private sealed class Session
    {
        private readonly Anchor _anchor;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private int _layer;

        public Session(Anchor anchor, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            _anchor = anchor;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        public List<InputSpec> Inputs { get; } = new();

        public List<ParameterSpec> Parameters { get; } = new();

        public List<NodeSpec> Nodes { get; } = new();

        public List<OutputSpec> Outputs { get; } = new();

        public long? Expected { get; private set; }

        public SourceLocation ExpectedLocation { get; private set; }

        public Budget? Budget { get; private set; }

        public Rewrites? Rewrites { get; private set; }

        public SourceLocation RewritesLocation { get; private set; }

        public void Add(AttributeData attribute)
        {
            var absolute = Location(attribute, _cancellationToken);
            var location = absolute.RelativeTo(_anchor);
            var name = Name(attribute);
            var layerKind = name is null ? null : LayerRegistry.FindAttribute(name);
            if (layerKind is null)
                Unwrapped("the next attribute is [" + (attribute.AttributeClass?.Name is { } type && type.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Substring(0, type.Length - "Attribute".Length) : attribute.AttributeClass?.Name) + "], which is no layer");
            if (name == AttributeNames.Input)
            {
                Inputs.Add(new InputSpec(
                    Text(attribute, nameof(InputAttribute.Name)) ?? NodeNames.DefaultInput,
                    Ints(attribute.ConstructorArguments),
                    attribute.NamedArguments.FirstOrDefault(a => a.Key == nameof(InputAttribute.DType)).Value.Value is int dtype ? (DType)dtype : DType.Float32,
                    location));
            }
            else if (name == AttributeNames.ExpectParameters)
            {
                Expected = Long(attribute.ConstructorArguments, 0);
                ExpectedLocation = location;
            }
            else if (name == AttributeNames.Budget)
            {
                long? Named(string property) =>
                    attribute.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value is long value ? value : null;
                Budget = new Budget(Named(nameof(BudgetAttribute.MaxParameters)), Named(nameof(BudgetAttribute.MaxMultAdds)),
                    Named(nameof(BudgetAttribute.MaxActivationBytes)), Named(nameof(BudgetAttribute.MaxParameterBytes))) { Location = location, Origin = "[Budget]" };
            }
            else if (name == AttributeNames.Rewrites)
            {
                bool Switch(string property) =>
                    attribute.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value is not false;
                Rewrites = new Rewrites(Switch(nameof(RewritesAttribute.PoolBeforeActivation)), Switch(nameof(RewritesAttribute.FoldBatchNorm)), Switch(nameof(RewritesAttribute.FoldRescaling)));
                RewritesLocation = location;
            }
            else if (name == AttributeNames.Output)
            {
                if (attribute.ConstructorArguments[0].Value is string value)
                    Outputs.Add(new OutputSpec(value, location));
            }
            else if (name == AttributeNames.Param)
            {
                Parameter(attribute, absolute, location);
            }
            else if (name == AttributeNames.Use)
            {
                _layer++;
                if (Use(attribute, absolute, location) is { } use)
                    Nodes.Add(use);
            }
            else if (name == AttributeNames.Reuse)
            {
                _layer++;
                if (attribute.ConstructorArguments[0].Value is string target)
                {
                    Nodes.Add(new ReuseSpec(target, location)
                    {
                        Name = Text(attribute, nameof(ReuseAttribute.Name)),
                        From = Text(attribute, nameof(ReuseAttribute.From)),
                        Inputs = Texts(attribute, nameof(ReuseAttribute.Inputs)),
                    });
                }
            }
            else if (layerKind is { } kind)
            {
                bool wrapped = _pending.Count > 0;
                if (!wrapped)
                    _layer++;
                string subject = "[" + kind.Kind + "] (" + (wrapped ? "wrapped by [" + _pending.Peek().Layer.Kind + "], " : string.Empty) + "layer " + Invariant.ToText(_layer) + ")";
                if (AttributeOptionBinder.Bind(kind, attribute, absolute, location, subject, _diagnostics, _cancellationToken) is { } layer)
                    Place(layer, absolute);
                else
                    _pending.Clear();
            }
        }

        /// <summary>Reports the wrappers still waiting for their layer (the last attributes were wrappers).</summary>
        public void Finish() => Unwrapped("it is the last attribute");

        /// <summary>
        /// Wrappers (<c>[Bidirectional]</c>, <c>[TimeDistributed]</c>) waiting for the layer attribute after them, innermost last:
        /// a wrapper whose layer is not in its options text applies to the next layer, which may be a wrapper itself.
        /// </summary>
        private readonly Stack<(LayerSpec Layer, Layers.Options.WrappedLayerOption Option, SourceLocation At)> _pending = new();

        /// <summary>A complete layer goes into the wrappers waiting for one, innermost first; a wrapper without its layer waits.</summary>
        private void Place(LayerSpec layer, SourceLocation absolute)
        {
            var waits = layer.Definition.Options.OfType<Layers.Options.WrappedLayerOption>().FirstOrDefault(o => o.FromNextAttribute && layer.ValueOf(o) is null);
            if (waits is not null)
            {
                _pending.Push((layer, waits, absolute));
                return;
            }
            while (_pending.Count > 0)
            {
                var (wrapper, option, _) = _pending.Pop();
                layer = wrapper.WithOptions(wrapper.Given.Append((option, OptionValue.Of(layer))));
            }
            Nodes.Add(layer);
        }

        private void Unwrapped(string problem)
        {
            foreach (var (wrapper, _, at) in _pending.Reverse())
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrapperWithoutLayer, at, wrapper.Kind, problem));
            _pending.Clear();
        }

        /// <summary>A block's inputs: [Block(Inputs = …)], or one named <c>input</c>.</summary>
        public void BlockInputs(AttributeData block)
        {
            var location = Location(block, _cancellationToken).RelativeTo(_anchor);
            var names = Texts(block, nameof(BlockAttribute.Inputs));
            if (names.Count == 0)
                names = EquatableArray.Of(NodeNames.DefaultInput);
            foreach (var input in names)
                Inputs.Add(new InputSpec(input, EquatableArray<int>.Empty, DType.Float32, location));
            if (Expected is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDeclaration, Location(block, _cancellationToken), block.AttributeClass?.Name ?? "Block",
                    "cannot take [ExpectParameters]: a block's parameter count depends on each use; state it on the model"));
            }
            if (Budget is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDeclaration, Location(block, _cancellationToken), block.AttributeClass?.Name ?? "Block",
                    "cannot take [Budget]: a block's figures depend on each use; set the budget on the model"));
            }
            if (Rewrites is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDeclaration, Location(block, _cancellationToken), block.AttributeClass?.Name ?? "Block",
                    "cannot take [Rewrites]: a block's layers are always rewritten; set [Rewrites] on the model for its own layers"));
            }
        }

        /// <summary>[Param("filters", typeof(int))] or [Param("stride", 1)].</summary>
        private void Parameter(AttributeData attribute, SourceLocation absolute, SourceLocation location)
        {
            if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[0].Value is not string name)
                return;
            var value = attribute.ConstructorArguments[1];
            if (value.Kind == TypedConstantKind.Type)
            {
                string typeName = value.Value is ITypeSymbol symbol ? MetadataName(symbol) : string.Empty;
                var type = ParameterType.ForClrName(typeName);
                if (type is null)
                    Unsupported(absolute, name, "has the type " + (value.Value as ITypeSymbol)?.ToDisplayString() + ", which is not one a parameter takes (" + string.Join(", ", ParameterType.All.Select(TypeName)) + ")");
                else
                    Parameters.Add(new ParameterSpec(name, type.Name, null, location));
                return;
            }
            var (parameterType, text) = value.Kind switch
            {
                TypedConstantKind.Enum when value.Type is { } enumType && ParameterType.ForClrName(MetadataName(enumType)) is { Choices: { } choices } found
                    => (found, choices.NameOf(System.Convert.ToInt32(value.Value, CultureInfo.InvariantCulture))),
                TypedConstantKind.Primitive => value.Value switch
                {
                    int or long or short or byte => (ParameterType.Integer, System.Convert.ToInt64(value.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
                    double d => (ParameterType.Number, Number(d)),
                    float f => (ParameterType.Number, Number(f)),
                    bool b => (ParameterType.Flag, b ? "true" : "false"),
                    _ => ((ParameterType?)null, string.Empty),
                },
                _ => ((ParameterType?)null, string.Empty),
            };
            if (parameterType is null)
            {
                Unsupported(absolute, name, "has the default " + value.ToCSharpString() + ", whose type is not one a parameter takes (" + string.Join(", ", ParameterType.All.Select(TypeName)) + ")");
                return;
            }
            Parameters.Add(new ParameterSpec(name, parameterType.Name, ExpressionValue.Single(text), location));
        }

        private static string Number(double value)
        {
            var text = Invariant.Number(value);
            return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0";
        }

        private static string TypeName(ParameterType type) => type.Kind switch
        {
            ValueKind.Integer => "int",
            ValueKind.Number => "double",
            ValueKind.Flag => "bool",
            _ => type.Choices!.EnumType.Name,
        };

        private void Unsupported(SourceLocation at, string name, string problem) =>
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidParameter, at, name, "this block", problem));

        /// <summary>[Use(typeof(Bottleneck), "filters: 64", Repeat = 3, First = "stride: 1", Name = "conv2")].</summary>
        private UseSpec? Use(AttributeData attribute, SourceLocation absolute, SourceLocation location)
        {
            var block = attribute.ConstructorArguments[0];
            string? blockName = block.Value switch
            {
                ITypeSymbol type => BlockName(type),
                string text => text,
                _ => null,
            };
            if (blockName is null)
                return null;
            string subject = "[Use] of " + blockName + " (layer " + Invariant.ToText(_layer) + ")";
            bool valid = true;
            var arguments = Arguments(attribute, "arguments", attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string : null, subject, ref valid, out _, out _);
            var firstArguments = Arguments(attribute, nameof(UseAttribute.First), Text(attribute, nameof(UseAttribute.First)), "First of " + subject, ref valid, out var firstBlock, out var firstAt);
            var rest = Arguments(attribute, nameof(UseAttribute.Rest), Text(attribute, nameof(UseAttribute.Rest)), "Rest of " + subject, ref valid, out var restBlock, out var restAt);
            if (!valid)
                return null;
            var repeat = attribute.NamedArguments.FirstOrDefault(a => a.Key == nameof(UseAttribute.Repeat)).Value.Value is int count
                ? ExpressionValue.Single(count.ToString(CultureInfo.InvariantCulture))
                : null;
            return new UseSpec(blockName, location)
            {
                BlockLocation = location,
                Name = Text(attribute, nameof(UseAttribute.Name)),
                From = Text(attribute, nameof(UseAttribute.From)),
                Inputs = Texts(attribute, nameof(UseAttribute.Inputs)),
                Arguments = arguments,
                First = firstArguments,
                Rest = rest,
                FirstBlock = firstBlock,
                RestBlock = restBlock,
                FirstBlockLocation = firstAt,
                RestBlockLocation = restAt,
                Repeat = repeat,
            };
        }

        /// <summary>
        /// A block use's arguments text (<c>"filters: 64, stride: 2"</c>), read as YAML: a flow mapping without its braces;
        /// in First and Rest, <c>block: Name</c> names another block for those copies (<paramref name="block"/>).
        /// </summary>
        private EquatableArray<ArgumentSpec> Arguments(AttributeData attribute, string parameter, string? text, string subject, ref bool valid, out string? block, out SourceLocation blockAt)
        {
            block = null;
            blockAt = default;
            if (text is null || text.Trim().Length == 0)
                return EquatableArray<ArgumentSpec>.Empty;
            var (node, locator) = AttributeText.Read(attribute, parameter, text, mapping: true, _diagnostics, _cancellationToken);
            if (node is not YamlMappingNode mapping)
            {
                if (node is not null)
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidYamlValue, locator.Location(node.Start, node.End), subject, "arguments such as \"filters: 64, stride: 2\"", YamlValues.Describe(node), string.Empty));
                valid = false;
                return EquatableArray<ArgumentSpec>.Empty;
            }
            var reader = new YamlOptionReader(locator, _diagnostics);
            bool copies = parameter != "arguments";
            if (copies && mapping.Entries.FirstOrDefault(e => e.Key is YamlScalarNode { Value: UseArguments.Block }).Value is { } named)
            {
                if (YamlValues.ReadName(named, out string name) is null)
                {
                    block = name;
                    blockAt = locator.Location(named.Start, named.End).RelativeTo(_anchor);
                }
                else
                {
                    reader.ReportValue(named, UseArguments.Block, subject, "a block's name", null);
                    valid = false;
                }
            }
            var arguments = reader.Arguments(mapping, subject, copies ? new[] { UseArguments.Block } : System.Array.Empty<string>(), absolute => absolute.RelativeTo(_anchor));
            if (arguments is null)
            {
                valid = false;
                return EquatableArray<ArgumentSpec>.Empty;
            }
            return arguments.ToEquatableArray();
        }
    }

    /// <summary>A block named by <c>typeof</c>: its full name (namespace and enclosing types), even while the class is not generated yet.</summary>
    private static string BlockName(ITypeSymbol type)
    {
        var parts = new List<string> { type.Name };
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            parts.Insert(0, outer.Name);
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
            parts.Insert(0, ns.ToDisplayString());
        return string.Join(".", parts);
    }

    /// <summary>
    /// Whether the compiler rejects the attribute or one of its arguments (an unknown named option, a value of the wrong
    /// type). Read from what the binding kept, not from the compiler's diagnostics, which cost a thousand times more:
    /// an argument it could not bind is missing from <see cref="AttributeData.NamedArguments"/> or has an error kind.
    /// </summary>
    private static bool HasArgumentErrors(AttributeData attribute, SemanticModel model, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null)
            return true;
        if (attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error) || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            return true;
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } list })
            return false;
        int named = list.Arguments.Count(a => a.NameEquals is not null);
        if (named != attribute.NamedArguments.Length)
            return true;
        // An integer where an enum is expected (Padding = 5) is CS0266, yet the binding keeps the value as the enum's:
        // only the argument's own type tells. Member accesses and casts (Padding.Same, (Padding)5) are what C# accepts.
        bool enums = attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Enum) || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Enum);
        if (!enums)
            return false;
        // A partial class declared in several files has attributes in several syntax trees; a semantic model answers
        // only for its own tree.
        var treeModel = list.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(list.SyntaxTree);
        return list.Arguments.Any(argument => IntegerForEnum(argument.Expression, treeModel, cancellationToken));
    }

    private static bool IntegerForEnum(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (expression is MemberAccessExpressionSyntax or IdentifierNameSyntax or CastExpressionSyntax or LiteralExpressionSyntax { Token.ValueText: "0" })
            return false;
        var info = model.GetTypeInfo(expression, cancellationToken);
        return info.ConvertedType is { TypeKind: TypeKind.Enum } && info.Type is { TypeKind: not TypeKind.Enum };
    }

    private static void CheckClass(INamedTypeSymbol type, ClassDeclarationSyntax declaration, SourceLocation location, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, location, type.Name));
        if (type.IsGenericType)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassIsGeneric, location, type.Name));
        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && !baseType.ToDisplayString().StartsWith(TorchModule + "<", System.StringComparison.Ordinal))
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
    private static string? Name(AttributeData attribute) => attribute.AttributeClass is { } type ? MetadataName(type) : null;

    private static string MetadataName(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
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

    private static string? Text(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    private static EquatableArray<string> Texts(AttributeData attribute, string name)
    {
        var value = attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value;
        return value.Kind == TypedConstantKind.Array && !value.IsNull
            ? value.Values.Select(v => v.Value as string ?? string.Empty).ToEquatableArray()
            : EquatableArray<string>.Empty;
    }

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
        index < arguments.Length && arguments[index].Value is { } value ? System.Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

    private static int Int(TypedConstant constant) =>
        constant.Value is { } value ? System.Convert.ToInt32(value, CultureInfo.InvariantCulture) : 0;

    private static EquatableArray<int> Ints(ImmutableArray<TypedConstant> arguments) =>
        arguments.SelectMany(a => a.Kind == TypedConstantKind.Array ? a.Values : ImmutableArray.Create(a)).Select(Int).ToEquatableArray();
}
