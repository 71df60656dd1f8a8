namespace Dsl;

/// <summary>How Keras's dot-product <c>Attention</c> scores a query against a key (its <c>score_mode</c>).</summary>
public enum ScoreMode
{
    /// <summary>The dot product of the query and the key (Keras's default).</summary>
    Dot = 0,
    /// <summary>The sum over features of tanh(query + key), times a learned weight.</summary>
    Concat,
}
