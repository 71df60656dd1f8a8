using System.CommandLine.Parsing;
using System.Globalization;

namespace Samples.Mnist.Cli;

/// <summary>Option parsers whose errors say which option, what it needs and what was given.</summary>
internal static class Parse
{
    public static int Int(ArgumentResult result, int minimum, int maximum, string requirement)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            result.AddError($"{OptionName(result)} must be {requirement}, not '{text}'.");
            return 0;
        }
        return value;
    }

    public static double LearningRate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0 && value < 10))
        {
            result.AddError($"--lr must be a positive number below 10 (Keras's default is 0.001), not '{text}'.");
            return 0;
        }
        return value;
    }

    public static Experiment.ValidationChoice Validation(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        var choice = Experiment.ValidationChoice.TryParse(text, out string error);
        if (choice is null)
        {
            result.AddError(error);
            return Experiment.ValidationChoice.Test;
        }
        return choice;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
