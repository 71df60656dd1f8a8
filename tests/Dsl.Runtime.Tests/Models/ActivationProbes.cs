using Dsl;

namespace Dsl.Runtime.Tests.Models;

// One layer per activation, six units wide, so that with identity weights and zero biases the model's output is the
// activation of its input: ActivationTests compares them with Keras's formulas. Dense and 1x1 Conv2D variants, since
// the activation on an image applies per pixel and softmax runs over the channels (Keras's last axis).

[Input(6)]
[Dense(6, Activation = Activation.ReLU)]
public partial class DenseReLUProbe;

[Input(6)]
[Dense(6, Activation = Activation.Sigmoid)]
public partial class DenseSigmoidProbe;

[Input(6)]
[Dense(6, Activation = Activation.Tanh)]
public partial class DenseTanhProbe;

[Input(6)]
[Dense(6, Activation = Activation.Softmax)]
public partial class DenseSoftmaxProbe;

[Input(6)]
[Dense(6, Activation = Activation.LogSoftmax)]
public partial class DenseLogSoftmaxProbe;

[Input(6)]
[Dense(6, Activation = Activation.LeakyReLU)]
public partial class DenseLeakyReLUProbe;

[Input(6)]
[Dense(6, Activation = Activation.ELU)]
public partial class DenseELUProbe;

[Input(6)]
[Dense(6, Activation = Activation.GELU)]
public partial class DenseGELUProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.ReLU)]
public partial class ConvReLUProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.Sigmoid)]
public partial class ConvSigmoidProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.Tanh)]
public partial class ConvTanhProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.Softmax)]
public partial class ConvSoftmaxProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.LogSoftmax)]
public partial class ConvLogSoftmaxProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.LeakyReLU)]
public partial class ConvLeakyReLUProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.ELU)]
public partial class ConvELUProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.GELU)]
public partial class ConvGELUProbe;

// A final softmax is applied by forward, outside ForwardLogits; a hidden one inside it. This probes the hidden one
// (the second layer has no activation, so with identity weights it passes the softmax through).
#pragma warning disable DSL011
[Input(6)]
[Dense(6, Activation = Activation.Softmax)]
[Dense(6)]
public partial class HiddenSoftmaxProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.Softmax)]
[Conv2D(6, 1)]
public partial class HiddenConvSoftmaxProbe;
#pragma warning restore DSL011

[Input(6)]
[Dense(6, Activation = Activation.SiLU)]
public partial class DenseSiLUProbe;

[Input(6)]
[Dense(6, Activation = Activation.ReLU6)]
public partial class DenseReLU6Probe;

[Input(6)]
[Dense(6, Activation = Activation.HardSigmoid)]
public partial class DenseHardSigmoidProbe;

[Input(6)]
[Dense(6, Activation = Activation.Softplus)]
public partial class DenseSoftplusProbe;

[Input(6)]
[Dense(6, Activation = Activation.Softsign)]
public partial class DenseSoftsignProbe;

[Input(6)]
[Dense(6, Activation = Activation.Exponential)]
public partial class DenseExponentialProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.SiLU)]
public partial class ConvSiLUProbe;

[Input(6, 2, 3)]
[Conv2D(6, 1, Activation = Activation.HardSigmoid)]
public partial class ConvHardSigmoidProbe;
