using System;
using System.Collections.Generic;
using System.IO;
using Dsl.Bench.Common;

namespace Dsl.Bench.Training;

/// <summary>
/// The PyTorch peers: bench/pytorch_twin.py (its <c>--variant pytorch</c> and <c>pytorch-tuned</c>), run with Debian's
/// python3-torch (/usr/bin/python3; the pyenv python3 first on some PATHs has no torch).
/// </summary>
internal sealed record PyTorchTwin(string Python, string Script, string? Version, string? Unavailable)
{
    /// <summary>The models bench/pytorch_twin.py has (its MODELS).</summary>
    public static readonly IReadOnlySet<string> Models = new HashSet<string>(StringComparer.Ordinal) { "Model1", "Model2", "Model3", "RowLstm", "VisionTransformer" };

    public const string InstallHint = "install Debian's PyTorch with `sudo apt-get install python3-torch` (it runs with /usr/bin/python3)";

    public bool Available => Unavailable is null;

    /// <summary>Checks that <paramref name="python"/> can import torch and numpy; the reason when not.</summary>
    public static PyTorchTwin Probe(string python)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch_twin.py");
        if (!File.Exists(script))
            return new PyTorchTwin(python, script, null, $"{script} is missing from the build output");
        var done = Workers.Run(Workers.Program(python, ["-c", "import torch, numpy; print(torch.__version__)"]), TimeSpan.FromMinutes(2));
        if (done is null)
            return new PyTorchTwin(python, script, null, $"{python} was not found; {InstallHint}");
        if (done.ExitCode != 0)
            return new PyTorchTwin(python, script, null, $"{python} cannot import torch ({done.Tail(1)}); {InstallHint}");
        return new PyTorchTwin(python, script, done.Stdout.Trim(), null);
    }
}
