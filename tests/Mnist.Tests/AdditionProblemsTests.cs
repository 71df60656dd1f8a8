using System;
using System.Globalization;
using System.Linq;
using Samples.Mnist.Addition;
using TorchSharp;

namespace Mnist.Tests;

/// <summary>
/// The addition sample's data, as Keras's example makes it: questions of two numbers of 1 to 3 digits padded to 7
/// characters and reversed, answers padded to 4, each unordered pair once; the character table's one-hot rows.
/// </summary>
public sealed class AdditionProblemsTests
{
    [Fact]
    public void Every_answer_is_the_sum_of_its_question_and_no_pair_comes_twice()
    {
        var problems = AdditionProblems.Make(2_000, reverse: true, new Random(5));

        Assert.Equal(2_000, problems.Count);
        var pairs = new System.Collections.Generic.HashSet<(int, int)>();
        for (int i = 0; i < problems.Count; i++)
        {
            Assert.Equal(7, problems.Questions[i].Length);
            Assert.Equal(4, problems.Answers[i].Length);
            // Reversed: the padding comes first, and reading it backwards gives "a+b".
            string question = new string(problems.Questions[i].Reverse().ToArray());
            Assert.Equal(question.TrimEnd(), problems.Readable(i));
            var numbers = problems.Readable(i).Split('+').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            Assert.All(numbers, n => Assert.InRange(n, 0, 999));
            Assert.Equal((numbers[0] + numbers[1]).ToString(CultureInfo.InvariantCulture), problems.Answers[i].TrimEnd());
            Assert.True(pairs.Add((Math.Min(numbers[0], numbers[1]), Math.Max(numbers[0], numbers[1]))), problems.Readable(i) + " twice");
        }
    }

    [Fact]
    public void A_reversed_question_reads_back_as_written()
    {
        // Keras's example: '12+345  ' becomes '  543+21'.
        var problems = new AdditionProblems(new[] { "  543+21" }, new[] { "357 " }, Reversed: true);
        Assert.Equal("12+345", problems.Readable(0));
        Assert.Equal("535+61", new AdditionProblems(new[] { "535+61 " }, new[] { "596 " }, Reversed: false).Readable(0));
    }

    [Fact]
    public void The_character_table_is_sorted_and_decodes_what_it_encodes()
    {
        using var scope = torch.NewDisposeScope();
        var table = new CharacterTable(AdditionProblems.Characters);
        Assert.Equal(" +0123456789", new string(table.Characters.ToArray()));   // Keras's sorted(set(chars))

        var encoded = table.Encode(new[] { "535+61 ", "1+2" }, 7);
        Assert.Equal(new long[] { 2, 7, 12 }, encoded.shape);
        Assert.Equal(1f, encoded[0, 0, 7].item<float>());    // '5' is row 7: ' ', '+', then the digits
        Assert.Equal(1f, encoded[0, 3, 1].item<float>());    // '+'
        Assert.Equal(0f, encoded[1, 5].sum().item<float>()); // past the text's end: no character
        // An empty row decodes as index 0, the space, as Keras's argmax does.
        Assert.Equal(new[] { "535+61 ", "1+2    " }, table.Decode(encoded));

        var error = Assert.Throws<ArgumentException>(() => table.Encode(new[] { "1-2" }, 7));
        Assert.StartsWith("'-' is not one of the table's characters ( +0123456789).", error.Message, StringComparison.Ordinal);
    }
}
