using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Bench.Common;

namespace Dsl.Bench.Peers;

/// <summary>Which program runs a peer: bench/pytorch_twin.py under Debian's PyTorch, or this program's TorchSharp twin.</summary>
internal enum PeerRuntime
{
    PyTorch,
    TorchSharp,
}

/// <summary>
/// A reference side of <c>train</c>: the same models written without the DSL, each run in a process of its own with the
/// same settings as ours. Every row of the summary is compared with every peer.
/// </summary>
/// <param name="Name">The name given to <c>--peers</c>, and the run's variant.</param>
/// <param name="Runtime">The program that runs it.</param>
/// <param name="Description">What it is, for the JSON.</param>
internal sealed record Peer(string Name, PeerRuntime Runtime, string Description)
{
    public const string PyTorchPlain = "pytorch";

    public const string PyTorchTuned = "pytorch-tuned";

    public const string TorchSharp = "torchsharp";

    public static IReadOnlyList<Peer> All { get; } =
    [
        new(PyTorchPlain, PeerRuntime.PyTorch,
            "bench/pytorch_twin.py as a PyTorch user writes it: nn.Sequential, nn.ReLU(), torch.optim.Adam, .item() every batch, inference_mode evaluation"),
        new(PyTorchTuned, PeerRuntime.PyTorch,
            "bench/pytorch_twin.py with every maths-preserving CPU lever of PyTorch 1.13: channels-last model and batches, in-place ReLU, zero_grad(set_to_none=True), foreach Adam, one host read per epoch, inference_mode evaluation"),
        new(TorchSharp, PeerRuntime.TorchSharp,
            "the models hand-written in TorchSharp (Peers/SeedTwins.cs) as a C# user writes them without the DSL: nn.Sequential, torch.optim.Adam, a plain loop, the same libtorch as ours"),
    ];

    /// <summary>Parses <c>--peers</c>: names separated by commas, or <c>none</c>.</summary>
    public static IReadOnlyList<Peer> Parse(IReadOnlyList<string> names)
    {
        if (names.Count == 1 && names[0] == "none")
            return [];
        var peers = new List<Peer>();
        foreach (var name in names)
        {
            var peer = All.FirstOrDefault(p => p.Name == name)
                ?? throw new UsageException($"Unknown peer '{name}'. Known: {string.Join(", ", All.Select(p => p.Name))}, or none.");
            if (!peers.Contains(peer))
                peers.Add(peer);
        }
        return peers;
    }

    public static bool IsPeer(string side) => All.Any(p => p.Name == side);
}
