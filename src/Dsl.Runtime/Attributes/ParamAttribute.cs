using System;

namespace Dsl;

/// <summary>
/// A parameter of a block (<see cref="BlockAttribute"/>): a value each use gives (<c>filters: 64</c>), which the
/// block's layers read as <c>$filters</c> in their options, with arithmetic on integers (<c>$filters * 4</c>). Its type
/// is an integer, a number, a boolean or one of the DSL's enums (<see cref="Activation"/>, <see cref="Padding"/>,
/// <see cref="Interpolation"/>), given by a default value or, for a parameter every use must give, by its type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ParamAttribute : Attribute
{
    /// <summary>A parameter every use must give: <c>[Param("filters", typeof(int))]</c>.</summary>
    /// <param name="name">How uses and options refer to it (<c>$filters</c>).</param>
    /// <param name="type"><c>int</c>, <c>double</c>, <c>bool</c> or one of the DSL's enums.</param>
    public ParamAttribute(string name, Type type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>A parameter with a default, whose type is the default's: <c>[Param("stride", 1)]</c>, <c>[Param("activation", Activation.ReLU)]</c>.</summary>
    /// <param name="name">How uses and options refer to it (<c>$stride</c>).</param>
    /// <param name="defaultValue">The value when a use does not give one.</param>
    public ParamAttribute(string name, object defaultValue)
    {
        Name = name;
        Default = defaultValue;
        Type = defaultValue?.GetType();
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary>The parameter's type.</summary>
    public Type? Type { get; }

    /// <summary>The default value, or null for a parameter every use must give.</summary>
    public object? Default { get; }
}
