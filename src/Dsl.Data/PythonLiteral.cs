using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Dsl.Data;

/// <summary>
/// Parses the small subset of Python literals that a <c>.npy</c> header is written in: dictionaries, tuples, lists,
/// strings, integers, <c>True</c>, <c>False</c> and <c>None</c>. NumPy reads the header with <c>ast.literal_eval</c>;
/// this is the same grammar without floats and operators, which no header holds.
/// </summary>
/// <remarks>
/// Values come back as <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, <see langword="null"/> (None),
/// <see cref="PythonTuple"/>, <see cref="PythonList"/> and <see cref="PythonDict"/>.
/// </remarks>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private int _position;

    private PythonLiteral(string text) => _text = text;

    /// <summary>A tuple's items.</summary>
    internal sealed record PythonTuple(IReadOnlyList<object?> Items);

    /// <summary>A list's items.</summary>
    internal sealed record PythonList(IReadOnlyList<object?> Items);

    /// <summary>A dictionary's entries, in the order written (a repeated key is kept twice, so a reader can refuse it).</summary>
    internal sealed record PythonDict(IReadOnlyList<KeyValuePair<object?, object?>> Entries);

    /// <summary>Parses <paramref name="text"/>, which must hold exactly one literal (surrounding white space allowed).</summary>
    /// <exception cref="FormatException">The text is not such a literal; the message says where and why.</exception>
    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        object? value = parser.ParseValue();
        parser.SkipWhiteSpace();
        if (parser._position < text.Length)
        {
            throw parser.Error($"unexpected '{text[parser._position]}' after the end of the value");
        }
        return value;
    }

    private object? ParseValue()
    {
        SkipWhiteSpace();
        if (_position >= _text.Length)
        {
            throw Error("the text ends where a value was expected");
        }
        char c = _text[_position];
        switch (c)
        {
            case '{':
                return ParseDict();
            case '(':
                return ParseSequence('(', ')', items => new PythonTuple(items));
            case '[':
                return ParseSequence('[', ']', items => new PythonList(items));
            case '\'' or '"':
                return ParseString();
        }
        if (c is '-' or '+' || char.IsAsciiDigit(c))
        {
            return ParseInteger();
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            int start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }
            string name = _text[start.._position];
            return name switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                _ => throw Error($"'{name}' is not a literal (only True, False and None are)", start),
            };
        }
        throw Error($"unexpected '{c}'");
    }

    private PythonDict ParseDict()
    {
        _position++; // '{'
        var entries = new List<KeyValuePair<object?, object?>>();
        while (true)
        {
            SkipWhiteSpace();
            if (TryConsume('}'))
            {
                return new PythonDict(entries);
            }
            object? key = ParseValue();
            SkipWhiteSpace();
            if (!TryConsume(':'))
            {
                throw Error("expected ':' after a dictionary key");
            }
            object? value = ParseValue();
            entries.Add(new(key, value));
            SkipWhiteSpace();
            if (TryConsume('}'))
            {
                return new PythonDict(entries);
            }
            if (!TryConsume(','))
            {
                throw Error("expected ',' or '}' after a dictionary value");
            }
        }
    }

    private object ParseSequence(char open, char close, Func<IReadOnlyList<object?>, object> create)
    {
        _position++; // open
        var items = new List<object?>();
        bool trailingComma = false;
        while (true)
        {
            SkipWhiteSpace();
            if (TryConsume(close))
            {
                break;
            }
            items.Add(ParseValue());
            SkipWhiteSpace();
            trailingComma = TryConsume(',');
            if (!trailingComma)
            {
                SkipWhiteSpace();
                if (!TryConsume(close))
                {
                    throw Error($"expected ',' or '{close}'");
                }
                break;
            }
        }
        // "(3)" is a parenthesised integer in Python, not a tuple: a one-item tuple needs its comma.
        if (open == '(' && items.Count == 1 && !trailingComma)
        {
            return items[0]!;
        }
        return create(items);
    }

    private string ParseString()
    {
        char quote = _text[_position];
        int start = _position;
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw Error("a string is not closed", start);
            }
            char c = _text[_position++];
            if (c == quote)
            {
                return value.ToString();
            }
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (_position >= _text.Length)
            {
                throw Error("a string is not closed", start);
            }
            char escaped = _text[_position++];
            value.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                '\\' or '\'' or '"' => escaped,
                _ => throw Error($"the escape '\\{escaped}' is not supported in a header string", _position - 2),
            });
        }
    }

    private long ParseInteger()
    {
        int start = _position;
        if (_text[_position] is '-' or '+')
        {
            _position++;
        }
        int digits = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }
        if (_position == digits)
        {
            throw Error("expected digits", start);
        }
        if (_position < _text.Length && _text[_position] is '.' or 'e' or 'E')
        {
            throw Error("a number here must be an integer", start);
        }
        string number = _text[start.._position];
        // Python 2 wrote long integers as "3L"; numpy still reads such headers (format.py's _filter_header).
        if (_position < _text.Length && _text[_position] is 'L' or 'l')
        {
            _position++;
        }
        if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw Error($"the integer {number} is out of range", start);
        }
        return value;
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void SkipWhiteSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r' or '\f')
        {
            _position++;
        }
    }

    private FormatException Error(string what, int? at = null) =>
        new($"{what} at character {(at ?? _position) + 1}");
}
