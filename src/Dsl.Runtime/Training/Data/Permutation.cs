using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>An epoch's order of samples: <c>randperm</c> from a private generator seeded per epoch, the same for every kind of data.</summary>
internal static class Permutation
{
    /// <summary>A permutation of 0…<paramref name="count"/>−1 from <paramref name="seed"/>, on <paramref name="device"/>.</summary>
    public static Tensor Of(long count, ulong seed, Device device)
    {
        Tensor order;
        using (var generator = new Generator(seed))
            order = randperm(count, generator: generator);
        return device.type == TorchSharp.DeviceType.CPU ? order : order.to(device);
    }

    /// <summary><paramref name="indices"/> on <paramref name="data"/>'s device.</summary>
    public static Tensor On(Tensor indices, Tensor data) =>
        indices.device_type == data.device_type && indices.device_index == data.device_index ? indices : indices.to(data.device);
}
