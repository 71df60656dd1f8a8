using Dsl;

namespace Samples.Mnist;

/// <summary>
/// The seed's architecture 1 declared with attributes: the twin of <c>Model1.model.yaml</c>, to show both forms side by side.
/// </summary>
[Input(1, 28, 28)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dropout(0.2)]
[Conv2D(28, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.35)]
[Conv2D(12, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Dropout(0.4)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
[ExpectParameters(43_362)]
public partial class Model1FromAttributes;
