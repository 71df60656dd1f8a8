using System.Linq;
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Dsl.Generator.Expressions;

/// <summary>
/// Parses the expression language (<see cref="Expression"/>) by recursive descent with the usual precedence: unary minus,
/// then <c>* / // %</c>, then <c>+ -</c>, all left-associative. Never throws: a malformed text yields a message with the
/// offset it refers to. Nesting is bounded, so a hostile text cannot overflow the compiler's stack.
/// </summary>
internal sealed class ExpressionParser
{
    private const int MaxDepth = 32;

    private readonly string _text;
    private int _position;
    private int _depth;

    private ExpressionParser(string text) => _text = text;

    /// <summary>The expression, or null with <paramref name="error"/> saying what is wrong (and <paramref name="at"/> where).</summary>
    public static Expression? Parse(string text, out string? error, out int at)
    {
        var parser = new ExpressionParser(text);
        try
        {
            var expression = parser.Sum();
            parser.SkipSpaces();
            if (parser._position < text.Length)
                throw new SyntaxError("unexpected '" + text[parser._position] + "'", parser._position);
            error = null;
            at = 0;
            return expression;
        }
        catch (SyntaxError e)
        {
            error = e.Message;
            at = e.Position;
            return null;
        }
    }

    /// <summary>Whether <paramref name="text"/> reads a parameter, which makes a value an expression rather than a constant.</summary>
    public static bool ReadsParameters(string text) =>
        text.IndexOf('$') >= 0 || ExpressionEvaluator.ShapeFunctions.Any(f => text.IndexOf(f + "(", StringComparison.Ordinal) >= 0);

    private Expression Sum()
    {
        var left = Product();
        while (true)
        {
            SkipSpaces();
            if (Peek() is '+' or '-')
            {
                string op = _text[_position++].ToString();
                var right = Product();
                left = new BinaryOperation(op, left, right, left.Start, right.End);
            }
            else
            {
                return left;
            }
        }
    }

    private Expression Product()
    {
        var left = Unary();
        while (true)
        {
            SkipSpaces();
            string? op = Peek() switch
            {
                '*' => "*",
                '%' => "%",
                '/' when _position + 1 < _text.Length && _text[_position + 1] == '/' => "//",
                '/' => "/",
                _ => null,
            };
            if (op is null)
                return left;
            _position += op.Length;
            var right = Unary();
            left = new BinaryOperation(op, left, right, left.Start, right.End);
        }
    }

    private Expression Unary()
    {
        SkipSpaces();
        if (Peek() == '-')
        {
            int start = _position++;
            var operand = Nested(Unary);
            return new Negation(operand, start, operand.End);
        }
        if (Peek() == '+')
        {
            _position++;
            return Nested(Unary);
        }
        return Primary();
    }

    private Expression Primary()
    {
        SkipSpaces();
        int start = _position;
        char c = Peek();
        if (c == '(')
        {
            _position++;
            var inner = Nested(Sum);
            Expect(')');
            return inner;
        }
        if (c == '$')
        {
            _position++;
            string name = Identifier();
            if (name.Length == 0)
                throw new SyntaxError("'$' must be followed by a parameter's name", start);
            return new ParameterReference(name, start, _position);
        }
        if (char.IsDigit(c) || c == '.')
            return Number(start);
        if (IsIdentifierStart(c))
        {
            string name = Identifier();
            SkipSpaces();
            if (Peek() != '(')
                return new NameLiteral(name, start, _position);
            _position++;
            var arguments = new List<Expression>();
            SkipSpaces();
            if (Peek() != ')')
            {
                while (true)
                {
                    arguments.Add(Nested(Sum));
                    SkipSpaces();
                    if (Peek() != ',')
                        break;
                    _position++;
                }
            }
            Expect(')');
            return new FunctionCall(name, arguments, start, _position);
        }
        throw new SyntaxError(_position >= _text.Length ? "the expression ends too early" : "unexpected '" + c + "'", _position);
    }

    private Expression Number(int start)
    {
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '_' or '.'))
            _position++;
        if (_position < _text.Length && _text[_position] is 'e' or 'E')
        {
            _position++;
            if (_position < _text.Length && _text[_position] is '+' or '-')
                _position++;
            while (_position < _text.Length && char.IsDigit(_text[_position]))
                _position++;
        }
        string text = _text.Substring(start, _position - start).Replace("_", string.Empty);
        bool real = text.IndexOf('.') >= 0 || text.IndexOf('e') >= 0 || text.IndexOf('E') >= 0;
        if (!real && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long integer))
            return new NumberLiteral(Value.OfInteger(integer), start, _position);
        if (real && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !double.IsInfinity(number))
            return new NumberLiteral(Value.OfNumber(number), start, _position);
        throw new SyntaxError("'" + text + "' is not a number this language can hold", start);
    }

    private T Nested<T>(Func<T> parse)
    {
        if (++_depth > MaxDepth)
            throw new SyntaxError("the expression is nested more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep", _position);
        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private string Identifier()
    {
        int start = _position;
        if (_position < _text.Length && IsIdentifierStart(_text[_position]))
        {
            _position++;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
                _position++;
        }
        return _text.Substring(start, _position - start);
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private void Expect(char c)
    {
        SkipSpaces();
        if (Peek() != c)
            throw new SyntaxError(_position >= _text.Length ? "a '" + c + "' is missing at the end" : "expected '" + c + "' but found '" + _text[_position] + "'", _position);
        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            _position++;
    }

    private sealed class SyntaxError : Exception
    {
        public SyntaxError(string message, int position)
            : base(message) => Position = position;

        public int Position { get; }
    }
}
