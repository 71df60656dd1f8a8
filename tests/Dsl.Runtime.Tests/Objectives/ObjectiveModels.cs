using Dsl;

namespace Dsl.Runtime.Tests.Objectives;

/// <summary>A linear regression: one input feature, one value out.</summary>
[Input(1)]
[Dense(1)]
public partial class LinearRegression;

/// <summary>A logistic regression: two features, one probability out.</summary>
[Input(2)]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class LogisticRegression;

/// <summary>Two heads on shared features: a class and a value, trained with a loss each.</summary>
[Input(2)]
[Dense(8, Activation = Activation.Tanh, Name = "shared")]
[Dense(2, Activation = Activation.Softmax, Name = "side")]
[Dense(1, From = "shared", Name = "distance")]
[Output("side")]
[Output("distance")]
public partial class TwoHeads;
