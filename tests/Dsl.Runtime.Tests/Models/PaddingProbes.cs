using Dsl;

namespace Dsl.Runtime.Tests.Models;

// Single-layer models whose outputs can be worked out by hand, to pin down where Keras's asymmetric
// "same" padding goes (the extra row/column is at the bottom/right) and what fills it.

[Input(1, 3, 3)]
[Conv2D(1, 2, Padding = Padding.Same, UseBias = false)]
public partial class EvenKernelSameConv;

[Input(1, 3, 3)]
[MaxPool2D(2, Padding = Padding.Same)]
public partial class OddInputSameMaxPool;

[Input(1, 3, 3)]
[AvgPool2D(2, Padding = Padding.Same)]
public partial class OddInputSameAvgPool;

[Input(1, 3, 3)]
[AvgPool2D(3, Stride = 1, Padding = Padding.Same)]
public partial class SymmetricSameAvgPool;
