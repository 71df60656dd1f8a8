using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Expressions;

/// <summary>The kinds of value a block parameter holds and an expression computes.</summary>
internal enum ValueKind
{
    /// <summary>A whole number (64-bit while computing; options check their own range).</summary>
    Integer,
    /// <summary>A real number.</summary>
    Number,
    /// <summary>True or false.</summary>
    Flag,
    /// <summary>A member of one of the DSL's enums (<see cref="ParameterType.Choices"/>).</summary>
    Choice,
}

/// <summary>
/// The type of a block parameter or of an expression's value: <c>int</c>, <c>float</c>, <c>bool</c>, or one of the DSL's
/// enums by its lowercase name (<c>activation</c>, <c>padding</c>, <c>interpolation</c>), which the layer kinds' options
/// define: an enum any option takes can be a parameter's type.
/// </summary>
internal sealed class ParameterType : IEquatable<ParameterType>
{
    public static readonly ParameterType Integer = new(ValueKind.Integer, "int", null);
    public static readonly ParameterType Number = new(ValueKind.Number, "float", null);
    public static readonly ParameterType Flag = new(ValueKind.Flag, "bool", null);

    private static readonly Lazy<IReadOnlyList<ParameterType>> Enums = new(() => LayerRegistry.All
        .SelectMany(kind => kind.Options)
        .Where(option => option.Choices is not null)
        .Select(option => option.Choices!)
        .GroupBy(choices => choices.EnumType)
        .Select(group => new ParameterType(ValueKind.Choice, group.Key.Name.ToLowerInvariant(), group.First()))
        .OrderBy(type => type.Name, StringComparer.Ordinal)
        .ToList());

    private ParameterType(ValueKind kind, string name, Choices? choices)
    {
        Kind = kind;
        Name = name;
        Choices = choices;
    }

    public ValueKind Kind { get; }

    /// <summary>How the type is written in YAML and in messages: <c>int</c>, <c>activation</c>.</summary>
    public string Name { get; }

    /// <summary>The members of an enum type and their spellings; null for the other types.</summary>
    public Choices? Choices { get; }

    public bool IsNumeric => Kind is ValueKind.Integer or ValueKind.Number;

    /// <summary>Every type a parameter may have, in the order messages list them.</summary>
    public static IReadOnlyList<ParameterType> All => new[] { Integer, Number, Flag }.Concat(Enums.Value).ToList();

    /// <summary>The type written as <paramref name="name"/> (<c>int</c>, <c>float</c>, <c>bool</c>, <c>activation</c>, …; any case), or null.</summary>
    public static ParameterType? Find(string name)
    {
        string wanted = name.Trim().ToLowerInvariant();
        return wanted switch
        {
            "int" or "integer" => Integer,
            "float" or "double" or "number" => Number,
            "bool" or "boolean" => Flag,
            _ => Enums.Value.FirstOrDefault(type => type.Name == wanted),
        };
    }

    /// <summary>The type of a C# parameter declared as <c>typeof(T)</c>: by the type's name (<c>Int32</c>, <c>Double</c>, <c>Activation</c>), or null.</summary>
    public static ParameterType? ForClrName(string metadataName) => metadataName switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" => Integer,
        "System.Double" or "System.Single" => Number,
        "System.Boolean" => Flag,
        _ => Enums.Value.FirstOrDefault(type => "Dsl." + type.Choices!.EnumType.Name == metadataName),
    };

    /// <summary>The enum type whose members <paramref name="choices"/> spells (a choice option's values), or null.</summary>
    public static ParameterType? OfChoices(Choices choices) => Enums.Value.FirstOrDefault(type => type.Choices!.EnumType == choices.EnumType);

    /// <summary>Whether a value of type <paramref name="value"/> can stand where this type is expected (an int where a float is).</summary>
    public bool Accepts(ParameterType value) => Equals(value) || (this == Number && value == Integer);

    public bool Equals(ParameterType? other) => other is not null && Name == other.Name;

    public override bool Equals(object? obj) => obj is ParameterType other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;

    public static bool operator ==(ParameterType? left, ParameterType? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(ParameterType? left, ParameterType? right) => !(left == right);
}
