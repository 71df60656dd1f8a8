using System;
using System.IO;
using System.Linq;
using System.Text;
using Dsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

public sealed class CsvFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Csv(string text, string name = "data.csv") => _temp.Write(name, Encoding.UTF8.GetBytes(text));

    private const string Iris =
        "sepal_length,sepal_width,species\n" +
        "5.1,3.5,setosa\n" +
        "7.0,3.2,versicolor\n" +
        "6.3,3.3,virginica\n" +
        "4.9,3.0,setosa\n";

    [Fact]
    public void String_classes_are_numbered_in_sorted_order_and_the_rest_are_features()
    {
        string path = Csv(Iris);

        using CsvData data = CsvFile.Load(path, new CsvOptions { LabelColumns = ["species"] });

        Assert.Equal(ScalarType.Float32, data.Features.dtype);
        Assert.Equal(new long[] { 4, 2 }, data.Features.shape);
        Assert.Equal(new[] { 5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f, 4.9f, 3.0f }, data.Features.data<float>().ToArray());
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        Assert.Equal(new[] { 0L, 1, 2, 0 }, data.Labels.data<long>().ToArray());
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, data.ClassNames);
        Assert.Equal(new[] { "sepal_length", "sepal_width" }, data.FeatureNames);
        Assert.Equal(new[] { "species" }, data.LabelNames);
        Assert.Equal(4, data.Count);
    }

    [Fact]
    public void Without_labels_every_column_is_a_feature()
    {
        string path = Csv("a,b,c\n1,2,3\n4,5,6\n");

        using CsvData data = CsvFile.Load(path, new CsvOptions { LabelKind = CsvLabelKind.None });

        Assert.Equal(new[] { 1f, 2, 3, 4, 5, 6 }, data.Features.data<float>().ToArray());
        Assert.Equal(new long[] { 2, 0 }, data.Labels.shape);
        Assert.Empty(data.LabelNames);
        Assert.Contains("LabelKind is None (no labels), but LabelColumns names 'a'", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(path, new CsvOptions { LabelKind = CsvLabelKind.None, LabelColumns = ["a"] })).Message);
    }

    [Fact]
    public void Sorting_is_ordinal_like_python_s_sorted()
    {
        string path = Csv("x,y\n1,b\n2,B\n3,a\n4,_\n");

        using CsvData data = CsvFile.Load(path, new CsvOptions { LabelColumns = ["y"] });

        // Upper case before '_' before lower case, as by code point.
        Assert.Equal(new[] { "B", "_", "a", "b" }, data.ClassNames);
        Assert.Equal(new[] { 3L, 0, 2, 1 }, data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Non_negative_integer_labels_are_the_indices_themselves()
    {
        string path = Csv("x,digit\n0.5,3\n0.25,10\n1,0\n");

        using CsvData data = CsvFile.Load(path, new CsvOptions { LabelColumns = ["digit"] });

        Assert.Equal(new[] { 3L, 10, 0 }, data.Labels.data<long>().ToArray());
        Assert.Equal(11, data.ClassNames!.Count);
        Assert.Equal("10", data.ClassNames[10]);
    }

    [Fact]
    public void Given_class_names_fix_the_order_and_reject_others()
    {
        string path = Csv(Iris);
        var options = new CsvOptions { LabelColumns = ["species"], ClassNames = ["virginica", "versicolor", "setosa"] };

        using (CsvData data = CsvFile.Load(path, options))
        {
            Assert.Equal(new[] { 2L, 1, 0, 2 }, data.Labels.data<long>().ToArray());
            Assert.Equal(new[] { "virginica", "versicolor", "setosa" }, data.ClassNames);
        }

        var error = Assert.Throws<InvalidDataException>(() => CsvFile.Load(path, options with { ClassNames = ["setosa", "virginica"] }));
        Assert.Contains($"{path} line 3, column 'species': 'versicolor' is not one of the ClassNames ('setosa', 'virginica')", error.Message);
    }

    [Fact]
    public void Regression_targets_are_float32_rows_of_every_target_column()
    {
        string path = Csv("a,b,t1,t2\n1,2,0.5,10\n3,4,1.5,20\n");

        using CsvData one = CsvFile.Load(path, new CsvOptions { LabelColumns = ["t1"], LabelKind = CsvLabelKind.Regression, FeatureColumns = ["a", "b"] });
        using CsvData two = CsvFile.Load(path, new CsvOptions { LabelColumns = ["t2", "t1"], LabelKind = CsvLabelKind.Regression });

        Assert.Equal(ScalarType.Float32, one.Labels.dtype);
        Assert.Equal(new long[] { 2, 1 }, one.Labels.shape);
        Assert.Null(one.ClassNames);
        Assert.Equal(new long[] { 2, 2 }, two.Labels.shape);
        Assert.Equal(new[] { 10f, 0.5f, 20f, 1.5f }, two.Labels.data<float>().ToArray());
        Assert.Equal(new[] { "a", "b" }, two.FeatureNames);
        Assert.Equal(new[] { "t2", "t1" }, two.LabelNames);
    }

    [Fact]
    public void Feature_columns_can_be_chosen_and_ordered()
    {
        string path = Csv("id,a,b,label\n7,1,2,x\n8,3,4,y\n");

        using CsvData data = CsvFile.Load(path, new CsvOptions { LabelColumns = ["label"], FeatureColumns = ["b", "a"] });

        Assert.Equal(new[] { 2f, 1f, 4f, 3f }, data.Features.data<float>().ToArray());
        Assert.Equal(new[] { "b", "a" }, data.FeatureNames);
    }

    [Fact]
    public void Without_a_header_columns_are_chosen_by_index()
    {
        string path = Csv("1;2;cat\n3;4;dog\n");

        using CsvData data = CsvFile.Load(path, new CsvOptions { HasHeader = false, Delimiter = ';', LabelColumns = [2] });

        Assert.Equal(new long[] { 2, 2 }, data.Features.shape);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, data.Features.data<float>().ToArray());
        Assert.Equal(new[] { "0", "1" }, data.FeatureNames);
        Assert.Equal(new[] { "cat", "dog" }, data.ClassNames);
    }

    [Fact]
    public void Quoted_fields_may_hold_the_delimiter_quotes_and_line_breaks()
    {
        string path = Csv("\"x, in metres\",y,label\n\"1.5\",2,\"a, \"\"quoted\"\" one\"\n3,4,\"two\nlines\"\n5,6,plain\n");

        using CsvData data = CsvFile.Load(path, new CsvOptions { LabelColumns = ["label"] });

        Assert.Equal(new[] { "x, in metres", "y" }, data.FeatureNames);
        Assert.Equal(new[] { 1.5f, 2f, 3f, 4f, 5f, 6f }, data.Features.data<float>().ToArray());
        Assert.Equal(new[] { "a, \"quoted\" one", "plain", "two\nlines" }, data.ClassNames);
    }

    [Fact]
    public void Tabs_blank_lines_windows_line_ends_and_spaces_around_numbers_are_read()
    {
        string path = Csv("a\tb\tc\r\n 1 \t2e-1\tx\r\n\r\n-3\t+4.5\ty\r\n");

        using CsvData data = CsvFile.Load(path, new CsvOptions { Delimiter = '\t', LabelColumns = ["c"] });

        Assert.Equal(new[] { 1f, 0.2f, -3f, 4.5f }, data.Features.data<float>().ToArray());
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_s_name()
    {
        string path = _temp.Write("bom.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("label,x\na,1\nb,2\n")]);

        using CsvData data = CsvFile.Load(path, new CsvOptions { LabelColumns = ["label"] });

        Assert.Equal(new[] { "x" }, data.FeatureNames);
        Assert.Equal(new[] { 0L, 1 }, data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_reported_with_its_line_and_column()
    {
        var text = new StringBuilder("age,height,label\n");
        for (int i = 2; i <= 16; i++)
            text.Append(i).Append(",1.7,a\n");
        text.Append("abc,1.7,b\n");
        string path = Csv(text.ToString());

        var error = Assert.Throws<InvalidDataException>(() => CsvFile.Load(path, new CsvOptions { LabelColumns = ["label"] }));

        Assert.Contains($"{path} line 17, column 'age': 'abc' is not a number", error.Message);
    }

    [Fact]
    public void Lines_are_counted_as_an_editor_shows_them_across_blank_lines_and_quoted_line_breaks()
    {
        string path = Csv("a,label\n1,\"x\ny\"\n\n2,z\nx7,w\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvFile.Load(path, new CsvOptions { LabelColumns = ["label"] }));

        Assert.Contains($"{path} line 6, column 'a': 'x7' is not a number", error.Message);
    }

    [Theory]
    [InlineData("a,label\n1,x\n,y\n", "line 3, column 'a': the value is empty (a missing value)")]
    [InlineData("a,label\n1,x\nNaN,y\n", "line 3, column 'a': 'NaN' is a missing value (NaN)")]
    [InlineData("a,label\n1,x\n1e39,y\n", "line 3, column 'a': '1e39' is not a finite number (it overflows float32)")]
    [InlineData("a,label\n1,x\n-Infinity,y\n", "line 3, column 'a': '-Infinity' is not a finite number")]
    [InlineData("a,label\n1,x\n1,2,y\n", "line 3 has 3 fields, but the header has 2")]
    [InlineData("a,label\n1,x\n1\n", "line 3 has 1 fields, but the header has 2")]
    [InlineData("a,label\n1,x\n2,\n", "line 3, column 'label': the label is empty (a missing value)")]
    [InlineData("a,label\n1,x\n1,5 \"inches\",z\n", "line 3: the CSV is malformed")]
    [InlineData("a,label\n1,\"x\n2,y\n", "the CSV is malformed")]
    [InlineData("", "is empty: it has no header and no rows")]
    [InlineData("a,label\n", "has a header ('a', 'label') but no rows of data")]
    public void Bad_files_are_refused_with_the_line_and_what_is_wrong(string text, string what)
    {
        string path = Csv(text);

        var error = Assert.Throws<InvalidDataException>(() => CsvFile.Load(path, new CsvOptions { LabelColumns = ["label"] }));

        Assert.Contains(path, error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void A_ragged_headerless_file_is_measured_against_its_first_row()
    {
        string path = Csv("1,2,a\n3,4,b\n5,c\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvFile.Load(path, new CsvOptions { HasHeader = false, LabelColumns = [2] }));

        Assert.Contains($"{path} line 3 has 2 fields, but the first row has 3", error.Message);
    }

    [Fact]
    public void Headerless_messages_name_the_column_by_index()
    {
        string path = Csv("1,2,a\n3,?,b\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvFile.Load(path, new CsvOptions { HasHeader = false, LabelColumns = [2] }));

        Assert.Contains($"{path} line 2, column 1 (0-based): '?' is not a number", error.Message);
    }

    [Fact]
    public void An_empty_headerless_file_is_refused()
    {
        string path = Csv("\n\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvFile.Load(path, new CsvOptions { HasHeader = false, LabelColumns = [0] }));

        Assert.Contains($"{path} is empty: it has no rows", error.Message);
    }

    [Theory]
    [InlineData("Species", "has no column named 'Species' (for the labels); did you mean 'species'?")]
    [InlineData("colour", "has no column named 'colour' (for the labels) Its columns are 'sepal_length', 'sepal_width', 'species'")]
    public void An_unknown_column_name_lists_the_columns(string label, string what)
    {
        string path = Csv(Iris);

        var error = Assert.Throws<ArgumentException>(() => CsvFile.Load(path, new CsvOptions { LabelColumns = [label] }));

        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void Invalid_column_choices_are_refused()
    {
        string path = Csv(Iris);

        Assert.Contains("index 5 is past the last column", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(path, new CsvOptions { LabelColumns = [5] })).Message);
        Assert.Contains("chosen both as a label and as a feature", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(path, new CsvOptions { LabelColumns = ["species"], FeatureColumns = ["species", "sepal_width"] })).Message);
        Assert.Contains("LabelColumns is empty", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(path, new CsvOptions())).Message);
        Assert.Contains("Class labels come from one column", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(path, new CsvOptions { LabelColumns = ["species", "sepal_width"] })).Message);
        Assert.Contains("every column is a label", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(path, new CsvOptions { LabelColumns = [0, 1, 2], LabelKind = CsvLabelKind.Regression })).Message);
        Assert.Contains("HasHeader is false", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(path, new CsvOptions { HasHeader = false, LabelColumns = ["species"] })).Message);
        string twice = Csv("a,a,label\n1,2,x\n", "twice.csv");
        Assert.Contains("has 2 columns named 'a' (indices 0, 1)", Assert.Throws<ArgumentException>(
            () => CsvFile.Load(twice, new CsvOptions { LabelColumns = ["label"], FeatureColumns = ["a"] })).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = _temp.File("none.csv");

        var error = Assert.Throws<FileNotFoundException>(() => CsvFile.Load(path, new CsvOptions { LabelColumns = ["x"] }));

        Assert.Contains(path, error.Message);
    }
}
