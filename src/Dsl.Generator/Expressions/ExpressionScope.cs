using System.Collections.Generic;

namespace Dsl.Generator.Expressions;

/// <summary>
/// What an expression can read: the enclosing block's parameters, and the shapes of the graph's values. When a
/// block is checked on its own, the types are known but not the values (<see cref="Value"/> null): the expression is
/// type-checked; at a use, everything is known and it is computed.
/// </summary>
internal interface IExpressionScope
{
    /// <summary>The parameter's type and, when known, its value; false when there is no such parameter.</summary>
    bool TryGetParameter(string name, out ParameterType type, out Value? value);

    /// <summary>The parameters' names, for "did you mean" hints.</summary>
    IEnumerable<string> ParameterNames { get; }

    /// <summary>
    /// Whether <paramref name="value"/> names a block input or an earlier layer's output; <paramref name="shape"/> is its
    /// shape (without the batch) when known.
    /// </summary>
    bool TryGetShape(string value, out IReadOnlyList<int>? shape);
}
