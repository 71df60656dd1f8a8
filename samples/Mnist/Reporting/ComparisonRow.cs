using Dsl;
using Dsl.Reporting;

namespace Samples.Mnist.Reporting;

/// <summary>One model's row of the comparison table.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Columns">Its architecture columns, computed from its layers.</param>
/// <param name="Parameters">Keras's "Total params".</param>
/// <param name="TestAccuracy">Accuracy on the test data after training (<see cref="double.NaN"/> if not measured).</param>
/// <param name="TrainAccuracy">Accuracy on the training data after training (<see cref="double.NaN"/> if not measured).</param>
internal sealed record ComparisonRow(string Model, ArchitectureColumns Columns, long Parameters, double TestAccuracy, double TrainAccuracy);
