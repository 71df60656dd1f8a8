using System;
using System.Collections.Generic;
using System.Linq;

namespace Samples.Mnist.Addition;

/// <summary>
/// The questions and answers of Keras's example "Sequence to sequence learning for performing number addition"
/// (keras-io examples/nlp/addition_rnn.py): two numbers of 1 to <see cref="Digits"/> digits (each digit drawn
/// uniformly, so "007" is 7), every unordered pair once ("12+345" and "345+12" count as one), the question padded with
/// spaces to <see cref="QueryLength"/> and, by default, reversed ("12+345  " becomes "  543+21"), the answer padded to
/// <see cref="AnswerLength"/>.
/// </summary>
internal sealed record AdditionProblems(IReadOnlyList<string> Questions, IReadOnlyList<string> Answers, bool Reversed)
{
    /// <summary>The example's DIGITS: the longest number in a question.</summary>
    public const int Digits = 3;

    /// <summary>The example's MAXLEN: "999+999".</summary>
    public const int QueryLength = Digits + 1 + Digits;

    /// <summary>The longest answer: 999 + 999 = 1998.</summary>
    public const int AnswerLength = Digits + 1;

    /// <summary>Every character of the questions and answers: the digits, the plus sign and the padding space.</summary>
    public const string Characters = "0123456789+ ";

    /// <summary>
    /// More unordered pairs than this are hard to draw without repeats (there are 500,500 of the numbers 0 to 999, and
    /// small numbers are drawn far more often than one in a thousand).
    /// </summary>
    public const int MaximumCount = 200_000;

    /// <summary><paramref name="count"/> distinct problems, drawn with <paramref name="random"/> as the example draws them, then shuffled.</summary>
    public static AdditionProblems Make(int count, bool reverse, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaximumCount);
        var questions = new List<string>(count);
        var answers = new List<string>(count);
        var seen = new HashSet<(int, int)>();
        while (questions.Count < count)
        {
            int a = Number(random), b = Number(random);
            if (!seen.Add((Math.Min(a, b), Math.Max(a, b))))
                continue;
            string query = $"{a}+{b}".PadRight(QueryLength);
            questions.Add(reverse ? new string(query.Reverse().ToArray()) : query);
            answers.Add((a + b).ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(AnswerLength));
        }
        // The example shuffles because later problems tend to hold larger numbers (the small ones are used up).
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return new AdditionProblems(order.Select(i => questions[i]).ToArray(), order.Select(i => answers[i]).ToArray(), reverse);
    }

    /// <summary>The number of problems.</summary>
    public int Count => Questions.Count;

    /// <summary>The question as a person reads it: un-reversed, padding trimmed.</summary>
    public string Readable(int index) => (Reversed ? new string(Questions[index].Reverse().ToArray()) : Questions[index]).Trim();

    /// <summary>Problems [start, start + count).</summary>
    public AdditionProblems Slice(int start, int count) =>
        new(Questions.Skip(start).Take(count).ToArray(), Answers.Skip(start).Take(count).ToArray(), Reversed);

    /// <summary>A number of 1 to <see cref="Digits"/> random digits, as the example's <c>f</c> makes it.</summary>
    private static int Number(Random random)
    {
        int length = random.Next(1, Digits + 1), value = 0;
        for (int i = 0; i < length; i++)
            value = (value * 10) + random.Next(10);
        return value;
    }
}
