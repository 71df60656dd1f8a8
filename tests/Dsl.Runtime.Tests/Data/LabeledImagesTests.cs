using System;
using System.Linq;
using Dsl.Data;
using Dsl.Runtime.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Data;

public sealed class LabeledImagesTests
{
    [Fact]
    public void Take_keeps_the_first_samples_in_order()
    {
        using LabeledImages train = MnistFixture.LoadTrain();

        using LabeledImages first = train.Take(10);

        Assert.Equal(10, first.Count);
        Assert.Equal(new long[] { 10, 1, 28, 28 }, first.Images.shape);
        Assert.Equal(new long[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }, first.Labels.data<long>().ToArray());
        using Tensor expectedImages = train.Images[..10];
        TensorAssert.Identical(first.Images, expectedImages);
    }

    [Fact]
    public void Take_more_than_there_are_keeps_all_and_zero_keeps_none()
    {
        using LabeledImages test = MnistFixture.LoadTest();

        using LabeledImages all = test.Take(1_000_000);
        using LabeledImages none = test.Take(0);

        Assert.Equal(MnistFixture.TestCount, all.Count);
        Assert.Equal(0, none.Count);
        Assert.Equal(new long[] { 0, 1, 28, 28 }, none.Images.shape);
    }

    [Fact]
    public void Take_a_negative_count_is_rejected()
    {
        using LabeledImages test = MnistFixture.LoadTest();

        Assert.Throws<ArgumentOutOfRangeException>(() => test.Take(-1));
    }

    [Fact]
    public void A_taken_subset_outlives_the_set_it_came_from()
    {
        LabeledImages test = MnistFixture.LoadTest();
        using LabeledImages first = test.Take(3);

        test.Dispose();

        Assert.Equal(new long[] { 7, 2, 1 }, first.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Its_tensors_are_not_freed_by_the_dispose_scope_they_were_made_in()
    {
        LabeledImages set;
        using (torch.NewDisposeScope())
        {
            set = new LabeledImages(torch.zeros(4, 1, 2, 2), torch.tensor(new long[] { 1, 2, 3, 4 }));
        }

        using (set)
        {
            Assert.Equal(4, set.Count);
            Assert.Equal(10, set.Labels.sum().item<long>());
        }
    }

    [Fact]
    public void Images_and_labels_of_different_counts_are_rejected()
    {
        using Tensor images = torch.zeros(4, 1, 2, 2);
        using Tensor labels = torch.zeros(3, ScalarType.Int64);

        var error = Assert.Throws<ArgumentException>(() => new LabeledImages(images, labels));

        Assert.Contains("same number of samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_must_be_one_dimensional()
    {
        using Tensor images = torch.zeros(4, 1, 2, 2);
        using Tensor labels = torch.zeros(new long[] { 4, 1 }, ScalarType.Int64);

        var error = Assert.Throws<ArgumentException>(() => new LabeledImages(images, labels));

        Assert.Contains("one-dimensional", error.Message, StringComparison.Ordinal);
    }
}
