using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>Keeps an optimizer's state tensors out of the caller's dispose scopes.</summary>
internal static class OptimizerStates
{
    /// <summary>
    /// Detaches every state tensor (Adam's moments, SGD's momentum buffers) from any dispose scope. TorchSharp 0.107
    /// detaches the state it creates with the optimizer, but not SGD's momentum buffers created by
    /// <c>load_state_dict</c>: loaded inside a caller's <c>torch.NewDisposeScope()</c>, they would be freed with the
    /// scope while the trainer still uses them.
    /// </summary>
    public static void Detach(OptimizerHelper optimizer)
    {
        foreach (var state in optimizer.state_dict().State)
        {
            switch (state)
            {
                case Adam.State adam:
                    adam.exp_avg?.DetachFromDisposeScope();
                    adam.exp_avg_sq?.DetachFromDisposeScope();
                    adam.max_exp_avg_sq?.DetachFromDisposeScope();
                    break;
                case SGD.State sgd:
                    sgd.momentum_buffer?.DetachFromDisposeScope();
                    break;
            }
        }
    }
}
