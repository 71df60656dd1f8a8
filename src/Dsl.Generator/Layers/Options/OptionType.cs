namespace Dsl.Generator.Layers.Options;

/// <summary>The kinds of value a layer option takes; each front end reads each kind in one way.</summary>
internal enum OptionType
{
    /// <summary>A 32-bit integer (<c>int</c>).</summary>
    Integer,
    /// <summary>One or more integers (<c>params int[]</c>, or an <c>int</c> spelling of the same option).</summary>
    Integers,
    /// <summary>A finite real number (<c>double</c>).</summary>
    Number,
    /// <summary><c>bool</c>.</summary>
    Flag,
    /// <summary>A member of one of the DSL's enums (<c>Padding</c>, <c>Activation</c>, ...).</summary>
    Choice,
    /// <summary>A name (<c>string</c>).</summary>
    Text,
    /// <summary>A list of names (<c>params string[]</c>).</summary>
    Texts,
}
