using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Dsl.Runtime.Tests.Properties;

/// <summary>
/// Random valid models in the attribute DSL, drawing on every layer kind: stacks, and graphs with residual blocks,
/// Inception-style branches and DenseNet-style concatenations, over images, sequences and flat inputs. The builder tracks shapes only to stay valid (so the
/// generator must report nothing); what is checked is the generator's result against TorchSharp.
/// </summary>
internal sealed class RandomModels
{
    private static readonly string[] HiddenActivations = { "None", "ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU", "GELU", "SiLU", "ReLU6", "HardSigmoid", "Softplus", "Softsign" };
    private static readonly string[] OutputActivations = { "None", "Softmax", "LogSoftmax", "Sigmoid" };
    private static readonly string[] ElementwiseMerges = { "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum" };

    private readonly Random _random;

    /// <summary>How many augmentation layers were drawn: they take turns, so that a few draws reach every kind.</summary>
    private int _augmentations;

    /// <summary>How many recurrent layers were drawn, for the same reason.</summary>
    private int _recurrent;

    public RandomModels(int seed) => _random = new Random(seed);

    /// <summary>A model class declared with attributes; branches and merges when <paramref name="graph"/>.</summary>
    public string Model(string className, bool graph)
    {
        var builder = new Builder();
        // Now and then token ids, embedded into a sequence (steps, features) for the attention kinds.
        bool tokens = _random.Next(6) == 0;
        var input = tokens
            ? new[] { 2 + _random.Next(10) }
            : _random.Next(6) switch
            {
                0 => new[] { 4 + _random.Next(20) },
                1 or 2 => new[] { 6 + _random.Next(20), 1 + _random.Next(4) },   // (steps, features)
                _ => new[] { 1 + _random.Next(4), 5 + _random.Next(10), 5 + _random.Next(10) },
            };
        var current = builder.Input(input, dtype: tokens ? "DType.Int64" : null);
        if (tokens)
        {
            // The inputs' ids are drawn from [0, 10): a vocabulary of at least 10.
            int features = 1 + _random.Next(6);
            bool maskZero = _random.Next(2) == 0;
            current = builder.Layer("Embedding", Invariant(10 + _random.Next(10)) + ", " + Invariant(features) + (maskZero ? ", MaskZero = true" : ""), new[] { input[0], features }, current);
            if (maskZero)
            {
                // Id 0 is padding: a mask-aware average of the other steps (the mask ends there, so nothing warns).
                if (_random.Next(2) == 0)
                {
                    features = 1 + _random.Next(4);
                    current = builder.Layer("Dense", Invariant(features), new[] { input[0], features }, current);   // the mask passes
                }
                current = builder.Layer("GlobalAvgPool1D", "", new[] { features }, current);
            }
        }
        int steps = 2 + _random.Next(6);
        for (int i = 0; i < steps && current.Shape.Length == 3; i++)
            current = graph && _random.Next(3) != 0 ? ImageBlock(builder, current) : ImageLayer(builder, current);
        for (int i = 0; i < steps && current.Shape.Length == 2; i++)
            current = graph && _random.Next(2) == 0 ? SequenceBlock(builder, current) : SequenceLayer(builder, current);
        if (current.Shape.Length == 3)
        {
            int pool = _random.Next(3);
            current = pool < 2
                ? GlobalPool(builder, pool == 0 ? "GlobalAvgPool2D" : "GlobalMaxPool2D", current)
                : builder.Layer("Flatten", "", new[] { current.Shape.Aggregate(1, (a, b) => a * b) }, current);
        }
        if (current.Shape.Length == 2 && _random.Next(4) == 0)
        {
            // Padded steps masked, averaged over the others (the mask ends at the pooling, so nothing warns).
            current = builder.Layer("Masking", _random.Next(2) == 0 ? "" : "-1", current.Shape, current);
            current = builder.Layer("GlobalAvgPool1D", "", new[] { current.Shape[1] }, current);
        }
        if (current.Shape.Length == 2)
        {
            int pool = _random.Next(3);
            current = pool < 2
                ? GlobalPool(builder, pool == 0 ? "GlobalAvgPool1D" : "GlobalMaxPool1D", current)
                : builder.Layer("Flatten", "", new[] { current.Shape[0] * current.Shape[1] }, current);
        }
        for (int i = _random.Next(3); i > 0; i--)
            current = graph && _random.Next(2) == 0 ? FlatBlock(builder, current) : FlatLayer(builder, current);
        int classes = 2 + _random.Next(4);
        builder.Layer("Dense", Invariant(classes) + Activation(Pick(OutputActivations)), new[] { classes }, current);
        return builder.Source(className);
    }

    /// <summary>
    /// A model of blocks, declared with attributes together with its blocks: parametric blocks used with arguments,
    /// repeated (the later copies with other arguments), a residual block sized by <c>channels(input)</c>, sometimes a
    /// second input joined in, and sometimes a Dense layer and a block use applied again to another input (shared weights).
    /// </summary>
    public string BlockModel(string className)
    {
        var builder = new Builder();
        string convBlock = className + "Conv", residual = className + "Residual", head = className + "Head";
        var blocks = new StringBuilder()
            .Append("[Block]\n[Param(\"filters\", typeof(int))]\n[Param(\"kernel\", 3)]\n[Param(\"act\", Activation.ReLU)]\n")
            .Append("[Conv2D(\"filters: $filters, kernel_size: $kernel, padding: same, activation: $act\")]\n[BatchNorm]\n")
            .Append("public partial class ").Append(convBlock).Append(";\n\n")
            .Append("[Block]\n[Conv2D(\"filters: channels(input), kernel_size: 3, padding: same\")]\n[Add(\"input\", \"conv2d_1\")]\n")
            .Append("public partial class ").Append(residual).Append(";\n\n")
            .Append("[Block]\n[Param(\"units\", typeof(int))]\n[Param(\"rate\", 0.25)]\n[Dense(\"$units\", Activation = Activation.Tanh)]\n[Dropout(\"$rate\")]\n")
            .Append("public partial class ").Append(head).Append(";\n\n");

        int c = 1 + _random.Next(3), h = 5 + _random.Next(8), w = 5 + _random.Next(8);
        bool twoInputs = _random.Next(2) == 0;
        var image = builder.Input(new[] { c, h, w }, twoInputs ? "image" : "input");
        var extra = twoInputs ? builder.Input(new[] { 1 + _random.Next(5) }, "extra") : null;

        int filters = 1 + _random.Next(6), kernel = _random.Next(2) == 0 ? 1 : 3, copies = 1 + _random.Next(3);
        var current = builder.Layer("Use", "typeof(" + convBlock + "), \"filters: " + Invariant(filters) + ", kernel: " + Invariant(kernel) + "\""
            + (copies > 1 ? ", Repeat = " + Invariant(copies) : "") + (copies > 1 && _random.Next(2) == 0 ? ", Rest = \"act: tanh\"" : ""),
            new[] { filters, h, w }, image);
        if (_random.Next(2) == 0)
            current = builder.Layer("MaxPool2D", "2, Padding = Padding.Same", new[] { filters, (h + 1) / 2, (w + 1) / 2 }, current);
        current = builder.Layer("Use", "typeof(" + residual + ")" + (_random.Next(2) == 0 ? ", Repeat = 2" : ""), current.Shape, current);
        current = builder.Layer(_random.Next(2) == 0 ? "GlobalAvgPool2D" : "GlobalMaxPool2D", "", new[] { filters }, current);
        if (extra is not null)
            current = builder.Merge("Concatenate", new[] { filters + extra.Shape[0] }, new List<Node> { current, extra });

        int units = 2 + _random.Next(6);
        var features = current;
        current = builder.Layer("Use", "typeof(" + head + "), \"units: " + Invariant(units) + "\"", new[] { units }, features);
        if (_random.Next(2) == 0)
        {
            // The same head applied to a second view of the features: one module, two calls.
            var view = builder.Layer("Rescaling", "0.5", features.Shape, features);
            var again = builder.Layer("Reuse", "", new[] { units }, view, target: current);
            current = builder.Merge("Add", new[] { units }, new List<Node> { current, again });
        }
        if (_random.Next(2) == 0)
        {
            var shared = builder.Layer("Dense", Invariant(units) + Activation(Pick(HiddenActivations)), new[] { units }, current);
            var again = builder.Layer("Reuse", "", new[] { units }, shared, target: shared);
            current = builder.Merge(Pick(ElementwiseMerges), new[] { units }, new List<Node> { shared, again });
        }
        int classes = 2 + _random.Next(4);
        builder.Layer("Dense", Invariant(classes) + Activation(Pick(OutputActivations)), new[] { classes }, current);
        return "using Dsl;\nnamespace RandomModels;\n" + blocks + builder.Source(className, usings: false);
    }

    private Node ImageLayer(Builder builder, Node from)
    {
        int c = from.Shape[0], h = from.Shape[1], w = from.Shape[2];
        switch (_random.Next(22))
        {
            case 17:
            case 18:
                return Augmentation(builder, from);
            case 19:
                return builder.Layer("Normalization", NormalizationOptions(c), from.Shape, from);
            case 20:
            {
                // Keras's dims over (height, width, channels); the result shown channels first.
                var dims = new[] { 1, 2, 3 }.OrderBy(_ => _random.Next()).ToArray();
                int[] keras = { h, w, c };
                var output = dims.Select(d => keras[d - 1]).ToArray();
                return builder.Layer("Permute", string.Join(", ", dims.Select(Invariant)), new[] { output[2], output[0], output[1] }, from);
            }
            case 5:
            {
                // Transposed: valid in·s + max(k − s, 0), same in·s; kept small.
                int filters = 1 + _random.Next(4), kernel = 2 + _random.Next(2), stride = h * w <= 64 ? 2 : 1;
                bool same = _random.Next(2) == 0;
                int grow(int n) => same ? n * stride : (n * stride) + Math.Max(kernel - stride, 0);
                return builder.Layer("Conv2DTranspose", Invariant(filters) + ", " + Invariant(kernel) + (stride > 1 ? ", Stride = 2" : "") + (same ? ", Padding = Padding.Same" : "") + Activation(Pick(HiddenActivations)),
                    new[] { filters, grow(h), grow(w) }, from);
            }
            case 6:
            {
                int multiplier = 1 + _random.Next(2), stride = _random.Next(3) == 0 ? 2 : 1;
                return builder.Layer("DepthwiseConv2D", "3, Padding = Padding.Same" + (multiplier > 1 ? ", DepthMultiplier = 2" : "") + (stride > 1 ? ", Stride = 2" : ""),
                    new[] { c * multiplier, Length(h, 3, stride, true), Length(w, 3, stride, true) }, from);
            }
            case 7:
            {
                int filters = 1 + _random.Next(5);
                bool same = _random.Next(2) == 0 || Math.Min(h, w) < 3;
                return builder.Layer("SeparableConv2D", Invariant(filters) + ", 3" + (same ? ", Padding = Padding.Same" : "") + (_random.Next(2) == 0 ? ", DepthMultiplier = 2" : ""),
                    new[] { filters, Length(h, 3, 1, same), Length(w, 3, 1, same) }, from);
            }
            case 8:
            {
                // Dilated "same" keeps the size; grouped needs groups to divide both channel counts.
                int groups = c % 2 == 0 && _random.Next(2) == 0 ? 2 : 1;
                int filters = groups * (1 + _random.Next(3));
                return builder.Layer("Conv2D", Invariant(filters) + ", 3, Padding = Padding.Same, DilationRate = 2" + (groups > 1 ? ", Groups = 2" : ""), new[] { filters, h, w }, from);
            }
            case 9:
            {
                int top = _random.Next(3), bottom = _random.Next(2), left = _random.Next(2), right = _random.Next(3);
                return builder.Layer("ZeroPadding2D", string.Join(", ", new[] { top, bottom, left, right }.Select(Invariant)), new[] { c, h + top + bottom, w + left + right }, from);
            }
            case 10 when h > 2 && w > 2:
                return builder.Layer("Cropping2D", "1, 0, 0, 1", new[] { c, h - 1, w - 1 }, from);
            case 11 when h * w <= 100:
            {
                int sh = 1 + _random.Next(2), sw = 1 + _random.Next(3);
                return builder.Layer("UpSampling2D", Invariant(sh) + ", " + Invariant(sw) + (_random.Next(2) == 0 ? ", Interpolation = Interpolation.Bilinear" : ""), new[] { c, h * sh, w * sw }, from);
            }
            case 12:
                return builder.Layer("LayerNorm", "", from.Shape, from);
            case 13:
                return builder.Layer("SpatialDropout2D", "0.2", from.Shape, from);
            case 14:
                return builder.Layer("Activation", "Activation." + Pick(HiddenActivations.Skip(1).ToArray()), from.Shape, from);
            case 15:
                return builder.Layer("Rescaling", "0.5, Offset = -1", from.Shape, from);
            case 16:
                // To a sequence: each channel's pixels as steps.
                return builder.Layer("Reshape", Invariant(c) + ", -1", new[] { c, h * w }, from);
            case 0:
            case 1:
            {
                int filters = 1 + _random.Next(6), kernel = 1 + _random.Next(3), stride = _random.Next(3) == 0 ? 2 : 1;
                bool same = _random.Next(2) == 0 || kernel > Math.Min(h, w);
                var shape = new[] { filters, Length(h, kernel, stride, same), Length(w, kernel, stride, same) };
                string args = Invariant(filters) + ", " + Invariant(kernel) + (stride > 1 ? ", Stride = 2" : "") + (same ? ", Padding = Padding.Same" : "") + Activation(Pick(HiddenActivations));
                return builder.Layer("Conv2D", args, shape, from);
            }
            case 2:
            {
                int pool = 2 + _random.Next(2);
                bool same = _random.Next(2) == 0 || pool > Math.Min(h, w);
                bool strideOne = _random.Next(3) == 0;
                int stride = strideOne ? 1 : pool;
                var shape = new[] { c, Length(h, pool, stride, same), Length(w, pool, stride, same) };
                string args = Invariant(pool) + (strideOne ? ", Stride = 1" : "") + (same ? ", Padding = Padding.Same" : "");
                return builder.Layer(_random.Next(2) == 0 ? "MaxPool2D" : "AvgPool2D", args, shape, from);
            }
            case 3:
                return builder.Layer("BatchNorm", BatchNormOptions(), from.Shape, from);
            default:
                return builder.Layer("Dropout", "0." + Invariant(1 + _random.Next(5)) + NoiseShape(from.Shape), from.Shape, from);
        }
    }

    /// <summary>One of the augmentation kinds, in turn, with random options (the identity in evaluation, but the crop).</summary>
    private Node Augmentation(Builder builder, Node from)
    {
        int c = from.Shape[0], h = from.Shape[1], w = from.Shape[2];
        string[] fills = { "Reflect", "Wrap", "Constant", "Nearest" };
        string fill = ", FillMode = FillMode." + Pick(fills) + (_random.Next(2) == 0 ? ", Interpolation = Interpolation.Nearest" : "");
        switch (_augmentations++ % 6)
        {
            case 0:
                return builder.Layer("RandomFlip", "FlipMode." + Pick(new[] { "Horizontal", "Vertical", "HorizontalAndVertical" }), from.Shape, from);
            case 1:
                return builder.Layer("RandomRotation", "0.2" + fill, from.Shape, from);
            case 2:
                return builder.Layer("RandomTranslation", "0.1, 0.3" + fill, from.Shape, from);
            case 3:
                return builder.Layer("RandomZoom", "-0.2, 0.3" + fill + ", Seed = 3", from.Shape, from);
            case 4:
                return builder.Layer("RandomContrast", "0.3, 0.1, ValueRange = new[] { -3.0, 3.0 }", from.Shape, from);
            default:
            {
                int height = Math.Max(1, h - _random.Next(3)), width = Math.Max(1, w - _random.Next(3));
                return builder.Layer("RandomCrop", Invariant(height) + ", " + Invariant(width), new[] { c, height, width }, from);
            }
        }
    }

    private Node ImageBlock(Builder builder, Node from)
    {
        int c = from.Shape[0], h = from.Shape[1], w = from.Shape[2];
        switch (_random.Next(4))
        {
            case 3:
            {
                // Squeeze-and-excitation: a (C, 1, 1) gate broadcast over the (C, H, W) input, or a flat (C) one over its channels.
                bool flat = _random.Next(2) == 0;
                var squeezed = builder.Layer("GlobalAvgPool2D", flat ? "" : "Keepdims = true", flat ? new[] { c } : new[] { c, 1, 1 }, from);
                var gate = flat
                    ? builder.Layer("Dense", Invariant(c) + ", Activation = Activation.Sigmoid", new[] { c }, squeezed)
                    : builder.Layer("Conv2D", Invariant(c) + ", 1, Activation = Activation.Sigmoid", new[] { c, 1, 1 }, squeezed);
                var inputs = _random.Next(2) == 0 ? new List<Node> { from, gate } : new List<Node> { gate, from };
                return builder.Merge(Pick(ElementwiseMerges), from.Shape, inputs);
            }
            case 0:
            {
                // Residual: a same-shaped branch merged with the block's input.
                var branch = from;
                for (int i = 1 + _random.Next(2); i > 0; i--)
                    branch = builder.Layer("Conv2D", Invariant(c) + ", 3, Padding = Padding.Same" + Activation(Pick(HiddenActivations)), from.Shape, branch);
                string merge = Pick(ElementwiseMerges);
                var inputs = new List<Node> { from, branch };
                if (merge != "Subtract" && _random.Next(2) == 0)
                    inputs.Add(builder.Layer("Conv2D", Invariant(c) + ", 1", from.Shape, from));
                return builder.Merge(merge, from.Shape, inputs);
            }
            case 1:
            {
                // Inception: branches of other widths from one input, joined along the channels.
                var branches = new List<Node>();
                for (int i = 2 + _random.Next(2); i > 0; i--)
                {
                    if (_random.Next(3) == 0)
                    {
                        var pooled = builder.Layer("MaxPool2D", "3, Stride = 1, Padding = Padding.Same", from.Shape, from);
                        int f = 1 + _random.Next(4);
                        branches.Add(builder.Layer("Conv2D", Invariant(f) + ", 1", new[] { f, h, w }, pooled));
                    }
                    else
                    {
                        int f = 1 + _random.Next(5);
                        branches.Add(builder.Layer("Conv2D", Invariant(f) + ", " + (_random.Next(2) == 0 ? "1" : "3, Padding = Padding.Same") + Activation(Pick(HiddenActivations)), new[] { f, h, w }, from));
                    }
                }
                return builder.Merge("Concatenate", new[] { branches.Sum(b => b.Shape[0]), h, w }, branches);
            }
            default:
            {
                // DenseNet: the input joined with what a layer made of it.
                int f = 1 + _random.Next(4);
                var grown = builder.Layer("Conv2D", Invariant(f) + ", 3, Padding = Padding.Same" + Activation(Pick(HiddenActivations)), new[] { f, h, w }, from);
                return builder.Merge("Concatenate", new[] { c + f, h, w }, new List<Node> { from, grown });
            }
        }
    }

    private Node SequenceLayer(Builder builder, Node from)
    {
        int length = from.Shape[0], c = from.Shape[1];
        switch (_random.Next(17))
        {
            case 8:
            {
                // Self-attention reads the sequence as (steps, features): the output keeps the steps.
                int output = _random.Next(2) == 0 ? c : 1 + _random.Next(6);
                return builder.Layer("MultiHeadAttention", Invariant(1 + _random.Next(3)) + ", " + Invariant(1 + _random.Next(4))
                    + (output != c ? ", OutputShape = " + Invariant(output) : "") + (_random.Next(3) == 0 ? ", UseCausalMask = true" : "")
                    + (_random.Next(4) == 0 ? ", UseBias = false" : "") + (_random.Next(4) == 0 ? ", ValueDim = 2" : ""), new[] { length, output }, from);
            }
            case 9:
                return builder.Layer("Attention", (_random.Next(2) == 0 ? "UseScale = true" : "") + (_random.Next(2) == 0 ? ", ScoreMode = ScoreMode.Concat" : "")
                    + (_random.Next(3) == 0 ? ", UseCausalMask = true" : ""), from.Shape, from);
            case 10:
                return builder.Layer("PositionEmbedding", Invariant(length + _random.Next(4)), from.Shape, from);
            case 11:
                return builder.Layer("Normalization", _random.Next(2) == 0 ? "" : "Axis = new[] { " + Pick(new[] { "1", "-2", "1, 2" }) + " }", from.Shape, from);
            case 12:
                return builder.Layer("Permute", "2, 1", new[] { c, length }, from);
            case 13:
            case 14:
            {
                // A recurrent layer reads the sequence as (steps, features); Bidirectional wraps it, and returns the
                // concatenation (twice the units) or an element-wise merge.
                // The kinds take turns, bare then wrapped, so that a few draws reach each of them in both forms.
                string kind = new[] { "SimpleRNN", "LSTM", "GRU" }[_recurrent % 3];
                bool wrap = _recurrent++ / 3 % 2 == 1;
                int units = 1 + _random.Next(5);
                bool sequences = _random.Next(2) == 0;
                var options = new StringBuilder(Invariant(units));
                if (sequences)
                    options.Append(", ReturnSequences = true");
                if (!wrap && _random.Next(3) == 0)
                    options.Append(", GoBackwards = true");
                if (_random.Next(4) == 0)
                    options.Append(", UseBias = false");
                if (kind == "GRU" && _random.Next(2) == 0)
                    options.Append(", ResetAfter = false");
                if (kind != "SimpleRNN" && _random.Next(3) == 0)
                    options.Append(", RecurrentActivation = Activation.HardSigmoid");
                if (_random.Next(3) == 0)
                    options.Append(", Activation = Activation.").Append(Pick(new[] { "ReLU", "Softsign", "GELU", "Sigmoid" }));
                if (_random.Next(3) == 0)
                    options.Append(", Dropout = 0.2, RecurrentDropout = 0.1");
                if (!wrap)
                    return builder.Layer(kind, options.ToString(), sequences ? new[] { length, units } : new[] { units }, from);
                string merge = Pick(new[] { "Concat", "Sum", "Mul", "Ave" });
                int width = merge == "Concat" ? 2 * units : units;
                return builder.Layer(kind, options.ToString(), sequences ? new[] { length, width } : new[] { width }, from,
                    wrapper: merge == "Concat" ? "Bidirectional" : "Bidirectional(MergeMode." + merge + ")");
            }
            case 15:
            {
                int units = 1 + _random.Next(6);
                return builder.Layer("Dense", Invariant(units) + Activation(Pick(HiddenActivations)), new[] { length, units }, from, wrapper: "TimeDistributed");
            }
            case 0:
            case 1:
            {
                int filters = 1 + _random.Next(5), kernel = 1 + _random.Next(4), dilation = _random.Next(3) == 0 ? 2 : 1;
                var padding = (Padding)_random.Next(3);
                int span = (dilation * (kernel - 1)) + 1;
                if (padding == Padding.Valid && span > length)
                    padding = Padding.Causal;
                int stride = dilation == 1 && _random.Next(3) == 0 ? 2 : 1;
                int outLength = padding == Padding.Valid ? ((length - span) / stride) + 1 : (length + stride - 1) / stride;
                return builder.Layer("Conv1D", Invariant(filters) + ", " + Invariant(kernel) + (stride > 1 ? Stride1D(2) : "") + (dilation > 1 ? ", DilationRate = 2" : "")
                    + (padding == Padding.Valid ? "" : ", Padding = Padding." + padding) + Activation(Pick(HiddenActivations)), new[] { outLength, filters }, from);
            }
            case 2:
            {
                int pool = 2, stride = _random.Next(3) == 0 ? 1 : pool;
                bool same = _random.Next(2) == 0 || length < 2;
                return builder.Layer(_random.Next(2) == 0 ? "MaxPool1D" : "AvgPool1D", Invariant(pool) + (stride != pool ? Stride1D(stride) : "") + (same ? ", Padding = Padding.Same" : ""),
                    new[] { Length(length, pool, stride, same), c }, from);
            }
            case 7:
            {
                // Dense on the features of every step, as Keras applies it to the last axis.
                int units = 1 + _random.Next(6);
                return builder.Layer("Dense", Invariant(units) + Activation(Pick(HiddenActivations)), new[] { length, units }, from);
            }
            case 3:
                return builder.Layer("BatchNorm", BatchNormOptions(), from.Shape, from);
            case 4:
                return builder.Layer("LayerNorm", "", from.Shape, from);
            case 5:
                return builder.Layer("Dropout", "0.3" + NoiseShape(from.Shape), from.Shape, from);
            case 6:
                return builder.Layer("Activation", "Activation." + Pick(HiddenActivations.Skip(1).ToArray()), from.Shape, from);
            default:
                return builder.Layer("Rescaling", "2", from.Shape, from);
        }
    }

    private Node SequenceBlock(Builder builder, Node from)
    {
        int length = from.Shape[0], c = from.Shape[1];
        if (_random.Next(4) == 0)
        {
            // Cross-attention of the sequence over one a convolution made of it (other steps and features), added back.
            int filters = 1 + _random.Next(4);
            var context = builder.Layer("Conv1D", Invariant(filters) + ", 1", new[] { length, filters }, from);
            var attended = builder.Layer("MultiHeadAttention", Invariant(1 + _random.Next(3)) + ", " + Invariant(1 + _random.Next(3)), from.Shape, from, inputs: new List<Node> { from, context });
            return builder.Merge("Add", from.Shape, new List<Node> { from, attended });
        }
        if (_random.Next(2) == 0)
        {
            // A causal residual block, as in WaveNet.
            var branch = builder.Layer("Conv1D", Invariant(c) + ", 2, Padding = Padding.Causal, DilationRate = 2" + Activation(Pick(HiddenActivations)), from.Shape, from);
            return builder.Merge(Pick(ElementwiseMerges), from.Shape, new List<Node> { from, branch });
        }
        int a = 1 + _random.Next(4), b = 1 + _random.Next(4);
        var left = builder.Layer("Conv1D", Invariant(a) + ", 3, Padding = Padding.Same", new[] { length, a }, from);
        var right = builder.Layer("Conv1D", Invariant(b) + ", 1", new[] { length, b }, from);
        return builder.Merge("Concatenate", new[] { length, a + b }, new List<Node> { left, right });
    }

    private Node FlatLayer(Builder builder, Node from)
    {
        switch (_random.Next(7))
        {
            case 5:
                return builder.Layer("Normalization", _random.Next(2) == 0 ? "Invert = true" : "Mean = new[] { 0.5 }, Variance = new[] { 2.0 }", from.Shape, from);
            case 6:
            {
                // Repeated into a sequence of n steps, then flat again.
                int n = 1 + _random.Next(3);
                var steps = builder.Layer("RepeatVector", Invariant(n), new[] { n, from.Shape[0] }, from);
                return builder.Layer("Flatten", "", new[] { n * from.Shape[0] }, steps);
            }
            case 0:
                return builder.Layer("BatchNorm", BatchNormOptions(), from.Shape, from);
            case 1:
                return builder.Layer("Dropout", "0." + Invariant(1 + _random.Next(5)) + NoiseShape(from.Shape), from.Shape, from);
            case 2:
                return builder.Layer("LayerNorm", "", from.Shape, from);
            case 3:
                return builder.Layer("Rescaling", "0.25, Offset = 1", from.Shape, from);
            default:
            {
                int units = 1 + _random.Next(12);
                return builder.Layer("Dense", Invariant(units) + Activation(Pick(HiddenActivations)) + (_random.Next(4) == 0 ? ", UseBias = false" : ""), new[] { units }, from);
            }
        }
    }

    private Node FlatBlock(Builder builder, Node from)
    {
        int features = from.Shape[0];
        if (_random.Next(2) == 0)
        {
            var branch = builder.Layer("Dense", Invariant(features) + Activation(Pick(HiddenActivations)), from.Shape, from);
            // Now and then the distance between the two, one value per sample, as a siamese network measures it.
            if (_random.Next(4) == 0)
                return builder.Merge("EuclideanDistance", new[] { 1 }, new List<Node> { from, branch });
            return builder.Merge(Pick(ElementwiseMerges), from.Shape, new List<Node> { from, branch });
        }
        int a = 1 + _random.Next(6), b = 1 + _random.Next(6);
        var left = builder.Layer("Dense", Invariant(a), new[] { a }, from);
        var right = builder.Layer("Dense", Invariant(b) + Activation(Pick(HiddenActivations)), new[] { b }, from);
        return builder.Merge("Concatenate", new[] { a + b }, new List<Node> { left, right });
    }

    /// <summary>Global pooling to (C), or now and then with Keras's keepdims to (C, 1, 1) or (1, C), then flattened.</summary>
    private Node GlobalPool(Builder builder, string kind, Node from)
    {
        bool sequence = from.Shape.Length == 2;
        int channels = sequence ? from.Shape[1] : from.Shape[0];
        if (_random.Next(3) != 0)
            return builder.Layer(kind, "", new[] { channels }, from);
        var kept = builder.Layer(kind, "Keepdims = true", sequence ? new[] { 1, channels } : new[] { channels, 1, 1 }, from);
        return builder.Layer("Flatten", "", new[] { channels }, kept);
    }

    /// <summary>Normalization per channel (Keras's default), per pixel, overall, or with constant statistics, sometimes inverted.</summary>
    private string NormalizationOptions(int c)
    {
        string invert = _random.Next(3) == 0 ? ", Invert = true" : "";
        return _random.Next(4) switch
        {
            0 => "Axis = new[] { 1, 2 }" + invert,
            1 => "Axis = new int[0]" + invert,
            2 => "Mean = new[] { " + string.Join(", ", Enumerable.Range(0, c).Select(i => Invariant(i) + ".5")) + " }, Variance = new[] { " + string.Join(", ", Enumerable.Range(1, c).Select(Invariant)) + ".0 }" + invert,
            _ => invert.TrimStart(',', ' '),
        };
    }

    /// <summary>Keras's defaults mostly; now and then BatchNormalization without gamma (scale=False), beta (center=False) or both.</summary>
    private string BatchNormOptions() => _random.Next(6) switch
    {
        0 => "Scale = false",
        1 => "Center = false",
        2 => "Center = false, Scale = false",
        _ => "",
    };

    /// <summary>Now and then a dropout noise shape: each dimension the input's size or 1 (one draw broadcast along it).</summary>
    private string NoiseShape(int[] shape) =>
        _random.Next(3) != 0 ? "" : ", NoiseShape = new[] { " + string.Join(", ", shape.Select(d => _random.Next(2) == 0 ? Invariant(d) : "1")) + " }";

    /// <summary>A 1-D kind's stride, as <c>Stride</c> or as Keras's <c>Strides</c>.</summary>
    private string Stride1D(int stride) => _random.Next(2) == 0 ? ", Stride = " + Invariant(stride) : ", Strides = new[] { " + Invariant(stride) + " }";

    private static int Length(int input, int window, int stride, bool same) =>
        same ? (input + stride - 1) / stride : ((input - window) / stride) + 1;

    private string Activation(string name) => name == "None" ? "" : ", Activation = Activation." + name;

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One declared layer (or the model's input) and the shape it outputs.</summary>
    private sealed class Node
    {
        public required string Kind { get; init; }
        public required string Arguments { get; init; }
        public required int[] Shape { get; init; }
        public Node? From { get; init; }
        public List<Node>? Inputs { get; init; }
        public string? Name { get; set; }

        /// <summary>For a reuse: the node whose module it calls again.</summary>
        public Node? Target { get; init; }

        /// <summary>For an attention layer: its query, value (and key), given as <c>Inputs = new[] { … }</c>.</summary>
        public List<Node>? NamedInputs { get; init; }
        /// <summary>A wrapper attribute (<c>Bidirectional(MergeMode.Sum)</c>) declared on the line before the layer: the node's name and input are the wrapper's.</summary>
        public string? Wrapper { get; init; }
    }

    /// <summary>The layers in declaration order; names the layers that are referred to by a later one.</summary>
    private sealed class Builder
    {
        private readonly List<Node> _layers = new();
        private readonly List<Node> _inputs = new();

        public Node Input(int[] shape, string name = "input", string? dtype = null)
        {
            var input = new Node { Kind = "Input", Arguments = string.Join(", ", shape.Select(Invariant)) + (dtype is null ? "" : ", DType = " + dtype), Shape = shape, Name = name };
            _inputs.Add(input);
            return input;
        }

        public Node Layer(string kind, string arguments, int[] shape, Node from, Node? target = null, List<Node>? inputs = null, string? wrapper = null)
        {
            var node = new Node { Kind = kind, Arguments = arguments, Shape = shape, From = inputs is null ? from : null, Target = target, NamedInputs = inputs, Wrapper = wrapper };
            _layers.Add(node);
            return node;
        }

        public Node Merge(string kind, int[] shape, List<Node> inputs)
        {
            var node = new Node { Kind = kind, Arguments = "", Shape = shape, Inputs = inputs };
            _layers.Add(node);
            return node;
        }

        public string Source(string className, bool usings = true)
        {
            // A layer that takes anything but the previous layer's output names its producer, which gets a name; so
            // does the target of a reuse. With several inputs, even the first layer names its input.
            for (int i = 0; i < _layers.Count; i++)
            {
                var layer = _layers[i];
                var previous = Previous(i);
                if (layer.From is { } from && from != previous)
                    from.Name ??= "n" + Invariant(_layers.IndexOf(from));
                foreach (var input in (layer.Inputs ?? new List<Node>()).Concat(layer.NamedInputs ?? new List<Node>()))
                    input.Name ??= "n" + Invariant(_layers.IndexOf(input));
                if (layer.Target is { } target)
                    target.Name ??= "n" + Invariant(_layers.IndexOf(target));
            }

            var text = new StringBuilder(usings ? "using Dsl;\nnamespace RandomModels;\n" : string.Empty);
            foreach (var input in _inputs)
                text.Append("[Input(").Append(input.Arguments).Append(_inputs.Count > 1 ? ", Name = \"" + input.Name + "\"" : string.Empty).Append(")]\n");
            for (int i = 0; i < _layers.Count; i++)
            {
                var layer = _layers[i];
                var previous = Previous(i);
                var arguments = new List<string>();
                if (layer.Inputs is { } inputs)
                    arguments.Add(string.Join(", ", inputs.Select(n => "\"" + n.Name + "\"")));
                else if (layer.Target is { } target)
                    arguments.Add("\"" + target.Name + "\"");
                else if (layer.Arguments.Length > 0)
                    arguments.Add(layer.Arguments);
                if (layer.NamedInputs is { } named)
                    arguments.Add("Inputs = new[] { " + string.Join(", ", named.Select(n => "\"" + n.Name + "\"")) + " }");
                if (layer.Name is { } name)
                    arguments.Add("Name = \"" + name + "\"");
                if (layer.From is { } from && from != previous)
                    arguments.Add("From = \"" + from.Name + "\"");
                if (layer.Wrapper is { } wrapper)
                {
                    // The wrapper takes the name and the input; the layer on the next line keeps its own options.
                    var own = arguments.Skip(layer.Arguments.Length > 0 ? 1 : 0).ToList();
                    string wrapped = own.Count == 0 ? wrapper
                        : wrapper.EndsWith(')') ? wrapper[..^1] + ", " + string.Join(", ", own) + ")"
                        : wrapper + "(" + string.Join(", ", own) + ")";
                    text.Append('[').Append(wrapped).Append("]\n");
                    arguments = layer.Arguments.Length > 0 ? new List<string> { layer.Arguments } : new List<string>();
                }
                text.Append('[').Append(layer.Kind);
                if (arguments.Count > 0)
                    text.Append('(').Append(string.Join(", ", arguments).TrimStart(',', ' ')).Append(')');
                text.Append("]\n");
            }
            text.Append("public partial class ").Append(className).Append(";\n");
            return text.ToString();
        }

        /// <summary>What a layer takes when it names nothing: the previous layer's output, or the only input.</summary>
        private Node? Previous(int index) => index > 0 ? _layers[index - 1] : _inputs.Count == 1 ? _inputs[0] : null;
    }
}
