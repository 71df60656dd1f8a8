namespace Samples.Applications;

internal static class Program
{
    private static int Main(string[] args)
    {
        foreach (var m in Dsl.ModelCatalog.All)
            System.Console.WriteLine($"{m.Name} {m.ParameterCount} {m.TrainableParameterCount} {m.NonTrainableParameterCount}");
        return 0;
    }
}
