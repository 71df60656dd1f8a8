using System;
using System.Globalization;

namespace Samples.Mnist.Experiment;

/// <summary>
/// Where the experiment validates: on the test set after every epoch (the seed notebook's way), or, like Keras's
/// <c>validation_split</c>, on the last fraction of the training data, with the test set evaluated once at the end.
/// </summary>
/// <param name="Split">The held-out fraction, or <see langword="null"/> for the test set.</param>
internal sealed record ValidationChoice(double? Split)
{
    public static ValidationChoice Test { get; } = new((double?)null);

    /// <summary><c>test</c> or <c>split:0.1</c>, as on the command line and in run records.</summary>
    public override string ToString() =>
        Split is { } f ? "split:" + f.ToString("R", CultureInfo.InvariantCulture) : "test";

    /// <summary>Parses <c>test</c> or <c>split:F</c> with F strictly between 0 and 1; null with a reason otherwise.</summary>
    public static ValidationChoice? TryParse(string text, out string error)
    {
        error = "";
        if (string.Equals(text, "test", System.StringComparison.OrdinalIgnoreCase))
            return Test;
        const string prefix = "split:";
        if (text.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase)
            && double.TryParse(text.AsSpan(prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction))
        {
            if (fraction > 0 && fraction < 1)
                return new ValidationChoice(fraction);
            error = $"--validation split:F needs a fraction strictly between 0 and 1 (e.g. split:0.1 holds out the last 10% of the training data), not {fraction.ToString(CultureInfo.InvariantCulture)}.";
            return null;
        }
        error = $"--validation must be 'test' (the notebook's way: the test set after every epoch) or 'split:F' (the last fraction F of the training data, e.g. split:0.1), not '{text}'.";
        return null;
    }
}
