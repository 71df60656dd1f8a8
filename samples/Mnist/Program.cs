using System;
using Dsl;
using static TorchSharp.torch;

foreach (var model in ModelCatalog.All)
    Console.WriteLine(model.Summary);
using var m = new Samples.Mnist.Model1();
using var y = m.forward(randn(2, 1, 28, 28));
Console.WriteLine(string.Join(",", y.shape));
