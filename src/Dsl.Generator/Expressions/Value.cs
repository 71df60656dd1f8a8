using System;
using System.Globalization;

namespace Dsl.Generator.Expressions;

/// <summary>
/// A computed value: a parameter's, or an expression's. Integers, flags (0 or 1) and enum members (their raw value)
/// are in <see cref="Integer"/>, real numbers in <see cref="Number"/>.
/// </summary>
internal readonly struct Value : IEquatable<Value>
{
    private Value(ParameterType type, long integer, double number)
    {
        Type = type;
        Integer = integer;
        Number = number;
    }

    public ParameterType Type { get; }

    public long Integer { get; }

    public double Number { get; }

    /// <summary>The value as a real number (an integer widened).</summary>
    public double AsNumber => Type.Kind == ValueKind.Number ? Number : Integer;

    public bool AsFlag => Integer != 0;

    public static Value OfInteger(long value) => new(ParameterType.Integer, value, 0);

    public static Value OfNumber(double value) => new(ParameterType.Number, 0, value);

    public static Value OfFlag(bool value) => new(ParameterType.Flag, value ? 1 : 0, 0);

    public static Value OfChoice(ParameterType type, int member) => new(type, member, 0);

    /// <summary>This value as <paramref name="type"/> (an integer becomes a float); null when it is of another type.</summary>
    public Value? As(ParameterType type)
    {
        if (Type == type)
            return this;
        if (type == ParameterType.Number && Type == ParameterType.Integer)
            return OfNumber(Integer);
        return null;
    }

    /// <summary>How messages and YAML write it: <c>64</c>, <c>0.5</c>, <c>true</c>, <c>relu</c>.</summary>
    public override string ToString() => Type.Kind switch
    {
        ValueKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        ValueKind.Number => Invariant.Number(Number),
        ValueKind.Flag => Integer != 0 ? "true" : "false",
        _ => Type.Choices!.NameOf((int)Integer),
    };

    public bool Equals(Value other) => Type == other.Type && Integer == other.Integer && Number.Equals(other.Number);

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode() => unchecked((((Type.GetHashCode() * 31) + Integer.GetHashCode()) * 31) + Number.GetHashCode());
}
