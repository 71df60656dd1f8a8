using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>PiecewiseConstantDecay</c>: <c>values[0]</c> while <c>step &lt;= boundaries[0]</c>, <c>values[i]</c>
/// while <c>boundaries[i-1] &lt; step &lt;= boundaries[i]</c>, and the last value after the last boundary.
/// </summary>
/// <example><code>
/// // 1.0 for steps 0-100000, 0.5 for the next 10000, then 0.1 (Keras's example).
/// var schedule = new PiecewiseConstantDecay([100_000, 110_000], [1.0, 0.5, 0.1]);
/// </code></example>
public sealed record PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule; arguments as Keras's.</summary>
    /// <param name="boundaries">Step numbers, strictly increasing; at least one.</param>
    /// <param name="values">One rate more than <paramref name="boundaries"/>; each finite, at least 0.</param>
    /// <exception cref="ArgumentException">The counts do not match or the boundaries do not increase.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    public PiecewiseConstantDecay(IReadOnlyList<long> boundaries, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Count == 0)
            throw new ArgumentException("PiecewiseConstantDecay needs at least one boundary (and two values); for a constant rate set OptimizerSettings.LearningRate instead.", nameof(boundaries));
        if (boundaries.Count != values.Count - 1)
        {
            throw new ArgumentException(
                $"PiecewiseConstantDecay's values must have one element more than its boundaries (Keras: \"The length of boundaries should be 1 less than the length of values\"); got {boundaries.Count} boundaries and {values.Count} values.",
                nameof(values));
        }
        for (int i = 1; i < boundaries.Count; i++)
        {
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException($"PiecewiseConstantDecay's boundaries must increase strictly; boundary {i} ({boundaries[i]}) is not above boundary {i - 1} ({boundaries[i - 1]}).", nameof(boundaries));
        }
        foreach (double value in values)
            RequireRate(value, nameof(values), nameof(PiecewiseConstantDecay));
        _boundaries = boundaries.ToArray();
        _values = values.ToArray();
    }

    /// <summary>The steps at which the rate changes (after the step named).</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;

    /// <summary>The rate of each interval, one more than <see cref="Boundaries"/>.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Equal when both lists are equal element by element (a record compares lists by reference otherwise).</summary>
    public bool Equals(PiecewiseConstantDecay? other) =>
        other is not null && _boundaries.AsSpan().SequenceEqual(other._boundaries) && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long boundary in _boundaries)
            hash.Add(boundary);
        foreach (double value in _values)
            hash.Add(value);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    private protected override double Compute(long step)
    {
        // The first interval whose upper boundary the step has not passed.
        for (int i = 0; i < _boundaries.Length; i++)
        {
            if (step <= _boundaries[i])
                return _values[i];
        }
        return _values[^1];
    }

    /// <summary>Prints the lists by value, for the messages that quote settings.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (base.PrintMembers(builder))
            builder.Append(", ");
        builder.Append("Boundaries = [").AppendJoin(", ", _boundaries.Select(b => b.ToString(CultureInfo.InvariantCulture)))
            .Append("], Values = [").AppendJoin(", ", _values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append(']');
        return true;
    }
}
