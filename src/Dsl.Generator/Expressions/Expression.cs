using System.Collections.Generic;

namespace Dsl.Generator.Expressions;

/// <summary>
/// A parsed expression of the DSL's small language for block options and arguments: numbers, <c>$parameter</c>,
/// bare names (an enum member such as <c>relu</c>, or <c>true</c>/<c>false</c>), <c>+ - * / // %</c>, parentheses, and
/// the functions <c>int</c>, <c>float</c>, <c>round</c>, <c>floor</c>, <c>ceil</c>, <c>min</c>, <c>max</c> and
/// <c>channels(value)</c> (the channel count of a block input or earlier layer). Positions are offsets into the text.
/// </summary>
internal abstract record Expression(int Start, int End);

/// <summary>A number as written: an integer, or a real number when it has a point or an exponent.</summary>
internal sealed record NumberLiteral(Value Value, int Start, int End) : Expression(Start, End);

/// <summary>A bare name: an enum member, or true/false, read against the type the context expects.</summary>
internal sealed record NameLiteral(string Name, int Start, int End) : Expression(Start, End);

/// <summary><c>$name</c>: a parameter of the enclosing block.</summary>
internal sealed record ParameterReference(string Name, int Start, int End) : Expression(Start, End);

/// <summary><c>-x</c>.</summary>
internal sealed record Negation(Expression Operand, int Start, int End) : Expression(Start, End);

/// <summary><c>a op b</c> with op one of <c>+ - * / // %</c>.</summary>
internal sealed record BinaryOperation(string Operator, Expression Left, Expression Right, int Start, int End) : Expression(Start, End);

/// <summary><c>f(a, …)</c>.</summary>
internal sealed record FunctionCall(string Function, IReadOnlyList<Expression> Arguments, int Start, int End) : Expression(Start, End);
