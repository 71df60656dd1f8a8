using System;
using System.CommandLine;
using System.IO;

namespace Dsl.Tool;

/// <summary><c>dsl check | summary | diagram | train | predict | new</c>: see <see cref="Commands"/>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Checks, summarises, draws and trains TorchSharp model specs written in YAML (*.model.yaml, *.block.yaml), runs the ONNX models it exports, and starts new specs.");
        foreach (var command in Commands.All(Console.Out, Console.Error))
            root.Add(command);
        return root.Parse(args).Invoke();
    }
}
