using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Dsl.Generator.Expressions;

/// <summary>What evaluating an expression gave: its type and value (the value null while the parameters are unknown), or an error.</summary>
internal sealed record Evaluation(ParameterType? Type, Value? Value, string? Error, int ErrorStart, int ErrorEnd)
{
    public bool Failed => Error is not null;

    /// <summary>For an error with one right answer, the text to replace and its replacement (<c>$filtres</c> → <c>$filters</c>).</summary>
    public (string Wrong, string Right)? Suggestion { get; init; }

    public static Evaluation Of(Value value) => new(value.Type, value, null, 0, 0);

    public static Evaluation Typed(ParameterType type) => new(type, null, null, 0, 0);

    public static Evaluation Fail(string error, Expression at) => new(null, null, error, at.Start, at.End);
}

/// <summary>
/// Type-checks and computes expressions (<see cref="Expression"/>). Integers stay integers under <c>+ - * // %</c>
/// (floor division and modulo as in Python), <c>/</c> gives a real number, <c>int()</c> truncates toward zero as Python's
/// does. Every operation is checked: an overflow or a division by zero is an error, never a wrapped value. A bare name
/// is read against the type the context expects (an enum member where an activation is expected).
/// </summary>
internal static class ExpressionEvaluator
{
    /// <summary>The functions that read a value's shape: <c>channels(input)</c>, <c>height(input)</c>, <c>width(input)</c>.</summary>
    public static readonly IReadOnlyList<string> ShapeFunctions = new[] { "channels", "features", "steps", "height", "width" };

    private static readonly string[] Functions = new[] { "int", "float", "round", "floor", "ceil", "min", "max" }.Concat(ShapeFunctions).ToArray();

    /// <summary>Parses and evaluates <paramref name="text"/>; a syntax error is an error too.</summary>
    public static Evaluation Evaluate(string text, ParameterType? expected, IExpressionScope scope)
    {
        var expression = ExpressionParser.Parse(text, out var error, out int at);
        return expression is null
            ? new Evaluation(null, null, "is not a valid expression: " + error, at, Math.Min(at + 1, text.Length))
            : Evaluate(expression, expected, scope);
    }

    public static Evaluation Evaluate(Expression expression, ParameterType? expected, IExpressionScope scope)
    {
        try
        {
            return expression switch
            {
                NumberLiteral number => Evaluation.Of(number.Value),
                NameLiteral name => Name(name, expected),
                ParameterReference parameter => Parameter(parameter, scope),
                Negation negation => Negate(negation, scope),
                BinaryOperation binary => Binary(binary, scope),
                FunctionCall call => Call(call, scope),
                _ => throw new InvalidOperationException("unknown expression " + expression.GetType().Name),
            };
        }
        catch (OverflowException)
        {
            return Evaluation.Fail("overflows a 64-bit integer", expression);
        }
    }

    private static Evaluation Name(NameLiteral name, ParameterType? expected)
    {
        if (expected?.Choices is { } choices && choices.Find(name.Name) is { } member)
            return Evaluation.Of(Value.OfChoice(expected, member));
        switch (name.Name)
        {
            case "true" or "True" or "TRUE":
                return Evaluation.Of(Value.OfFlag(true));
            case "false" or "False" or "FALSE":
                return Evaluation.Of(Value.OfFlag(false));
        }
        if (expected?.Choices is { } known)
            return Evaluation.Fail("'" + name.Name + "' is not a " + expected.Name + " value (" + string.Join(", ", known.Names) + "); a parameter is written $" + name.Name, name);
        return Evaluation.Fail("'" + name.Name + "' is not a number or a parameter (parameters are written $" + name.Name + ")", name);
    }

    private static Evaluation Parameter(ParameterReference reference, IExpressionScope scope)
    {
        if (scope.TryGetParameter(reference.Name, out var type, out var value))
            return value is { } known ? Evaluation.Of(known) : Evaluation.Typed(type);
        var names = scope.ParameterNames.ToList();
        var suggestion = Analysis.NearestName.Find(reference.Name, names);
        string hint = suggestion is not null ? " (did you mean $" + suggestion + "?)"
            : names.Count == 0 ? "; only a block has parameters" : "; its parameters are " + string.Join(", ", names.Select(n => "$" + n));
        return Evaluation.Fail("$" + reference.Name + " names no parameter" + hint, reference) with
        {
            Suggestion = suggestion is null ? null : ("$" + reference.Name, "$" + suggestion),
        };
    }

    private static Evaluation Negate(Negation negation, IExpressionScope scope)
    {
        var operand = Evaluate(negation.Operand, null, scope);
        if (operand.Failed)
            return operand;
        if (!operand.Type!.IsNumeric)
            return Evaluation.Fail("'-' takes a number, not a " + operand.Type.Name, negation);
        if (operand.Value is not { } value)
            return operand;
        return Evaluation.Of(value.Type == ParameterType.Integer ? Value.OfInteger(checked(-value.Integer)) : Value.OfNumber(-value.Number));
    }

    private static Evaluation Binary(BinaryOperation binary, IExpressionScope scope)
    {
        var left = Evaluate(binary.Left, null, scope);
        if (left.Failed)
            return left;
        var right = Evaluate(binary.Right, null, scope);
        if (right.Failed)
            return right;
        if (!left.Type!.IsNumeric || !right.Type!.IsNumeric)
            return Evaluation.Fail("'" + binary.Operator + "' takes numbers, not " + left.Type.Name + " and " + right.Type!.Name, binary);
        bool integers = left.Type == ParameterType.Integer && right.Type == ParameterType.Integer && binary.Operator != "/";
        var type = integers ? ParameterType.Integer : ParameterType.Number;
        if (left.Value is not { } a || right.Value is not { } b)
            return Evaluation.Typed(type);
        if (integers)
        {
            long x = a.Integer, y = b.Integer;
            if (binary.Operator is "//" or "%" && y == 0)
                return Evaluation.Fail("divides by zero", binary);
            long result = binary.Operator switch
            {
                "+" => checked(x + y),
                "-" => checked(x - y),
                "*" => checked(x * y),
                "//" => FloorDivide(x, y),
                _ => x - (checked(FloorDivide(x, y) * y)),
            };
            return Evaluation.Of(Value.OfInteger(result));
        }
        double p = a.AsNumber, q = b.AsNumber;
        if (binary.Operator is "/" or "//" or "%" && q == 0)
            return Evaluation.Fail("divides by zero", binary);
        double real = binary.Operator switch
        {
            "+" => p + q,
            "-" => p - q,
            "*" => p * q,
            "/" => p / q,
            "//" => Math.Floor(p / q),
            _ => p - (Math.Floor(p / q) * q),
        };
        return Finite(real, binary);
    }

    private static Evaluation Call(FunctionCall call, IExpressionScope scope)
    {
        if (!Functions.Contains(call.Function))
        {
            var suggestion = Analysis.NearestName.Find(call.Function, Functions);
            return Evaluation.Fail("'" + call.Function + "' is not a function" + (suggestion is null ? "" : " (did you mean '" + suggestion + "'?)") + "; the functions are " + string.Join(", ", Functions), call);
        }
        if (ShapeFunctions.Contains(call.Function))
            return Dimension(call, scope);
        bool variadic = call.Function is "min" or "max";
        if (variadic ? call.Arguments.Count < 2 : call.Arguments.Count != 1)
            return Evaluation.Fail(call.Function + "() takes " + (variadic ? "at least two numbers" : "one number") + ", but " + Invariant.ValueCount(call.Arguments.Count) + " given", call);

        var arguments = new List<Evaluation>();
        foreach (var argument in call.Arguments)
        {
            var evaluated = Evaluate(argument, null, scope);
            if (evaluated.Failed)
                return evaluated;
            if (!evaluated.Type!.IsNumeric)
                return Evaluation.Fail(call.Function + "() takes numbers, not a " + evaluated.Type.Name, argument);
            arguments.Add(evaluated);
        }
        var type = call.Function switch
        {
            "float" => ParameterType.Number,
            "min" or "max" => arguments.All(a => a.Type == ParameterType.Integer) ? ParameterType.Integer : ParameterType.Number,
            _ => ParameterType.Integer,
        };
        if (arguments.Any(a => a.Value is null))
            return Evaluation.Typed(type);
        var values = arguments.Select(a => a.Value!.Value).ToList();
        switch (call.Function)
        {
            case "float":
                return Evaluation.Of(Value.OfNumber(values[0].AsNumber));
            case "min" or "max" when type == ParameterType.Integer:
                return Evaluation.Of(Value.OfInteger(call.Function == "min" ? values.Min(v => v.Integer) : values.Max(v => v.Integer)));
            case "min" or "max":
                return Finite(call.Function == "min" ? values.Min(v => v.AsNumber) : values.Max(v => v.AsNumber), call);
        }
        var single = values[0];
        if (single.Type == ParameterType.Integer)
            return Evaluation.Of(single);
        double rounded = call.Function switch
        {
            "int" => Math.Truncate(single.Number),
            "round" => Math.Round(single.Number, MidpointRounding.ToEven),
            "floor" => Math.Floor(single.Number),
            _ => Math.Ceiling(single.Number),
        };
        if (double.IsNaN(rounded) || rounded < long.MinValue || rounded >= 9.2233720368547758E18)
            return Evaluation.Fail("overflows a 64-bit integer", call);
        return Evaluation.Of(Value.OfInteger((long)rounded));
    }

    /// <summary>
    /// A dimension of a value's shape: <c>channels(x)</c> (or <c>features(x)</c>) its features, which are an image's first
    /// axis and a sequence's or a vector's last (Keras's axis=-1); <c>steps(x)</c> a sequence's steps; <c>height(x)</c>
    /// and <c>width(x)</c> those of an image (channels, height, width). Keras's blocks compute paddings and widths from
    /// them (MobileNetV2's <c>correct_pad</c>, a transformer's model width).
    /// </summary>
    private static Evaluation Dimension(FunctionCall call, IExpressionScope scope)
    {
        string function = call.Function;
        if (call.Arguments.Count != 1 || call.Arguments[0] is not NameLiteral name)
            return Evaluation.Fail(function + "() takes the name of a block input or of a layer above (" + function + "(input))", call);
        if (!scope.TryGetShape(name.Name, out var shape))
            return Evaluation.Fail(function + "(" + name.Name + "): '" + name.Name + "' names no block input or layer above", name);
        if (shape is null)
            return Evaluation.Typed(ParameterType.Integer);
        if (function is "channels" or "features")
            return shape.Count == 0 ? Evaluation.Fail(function + "(" + name.Name + "): '" + name.Name + "' is a scalar per sample", name) : Evaluation.Of(Value.OfInteger(Layers.Geometry.FeatureAxis.Count(shape)));
        if (function == "steps")
        {
            return shape.Count == 2 ? Evaluation.Of(Value.OfInteger(shape[0]))
                : Evaluation.Fail("steps(" + name.Name + ") reads a sequence (steps, features), but '" + name.Name + "' is (" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")", name);
        }
        if (shape.Count != 3)
        {
            return Evaluation.Fail(function + "(" + name.Name + ") reads an image (channels, height, width), but '" + name.Name + "' is ("
                + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")", name);
        }
        return Evaluation.Of(Value.OfInteger(shape[function == "height" ? 1 : 2]));
    }

    private static Evaluation Finite(double value, Expression at) =>
        double.IsNaN(value) || double.IsInfinity(value) ? Evaluation.Fail("is not a finite number", at) : Evaluation.Of(Value.OfNumber(value));

    private static long FloorDivide(long x, long y)
    {
        if (x == long.MinValue && y == -1)
            throw new OverflowException();
        long quotient = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? quotient - 1 : quotient;
    }
}
