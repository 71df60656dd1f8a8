using System;
using System.CommandLine;
using System.IO;

namespace Dsl.Tool;

/// <summary><c>dsl check | summary | diagram | new</c>: see <see cref="Commands"/>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Checks, summarises and draws TorchSharp model specs written in YAML (*.model.yaml, *.block.yaml), and starts new ones.");
        foreach (var command in Commands.All(Console.Out, Console.Error))
            root.Add(command);
        return root.Parse(args).Invoke();
    }
}
