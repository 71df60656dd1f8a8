using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Layers.Options;

/// <summary>How options read an attribute argument's constant: a single value or the items of an array, as numbers.</summary>
internal static class AttributeConstants
{
    /// <summary>The items of an array constant, or the constant itself (<c>Stride = 2</c> beside <c>Strides = new[] { 2, 1 }</c>).</summary>
    public static IEnumerable<TypedConstant> Items(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array ? constant.Values : new[] { constant };

    /// <summary>An integer or an enum member's raw value; 0 for a null item.</summary>
    public static long Integer(TypedConstant constant) =>
        constant.Value is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>A real number (an integer constant widened); NaN for a null item, which the option's range refuses.</summary>
    public static double Number(TypedConstant constant) =>
        constant.Value is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : double.NaN;
}
