namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// The seed notebook's three architectures twice: as YAML specs and as attribute declarations (those of
/// tests/Dsl.Runtime.Tests/Models/SeedModels.cs), in different namespaces so both can be generated at once.
/// </summary>
internal static class SeedSpecs
{
    public const string YamlNamespace = "Twins.Yaml";
    public const string AttributeNamespace = "Dsl.Runtime.Tests.Models";

    public static readonly (string ClassName, long Parameters)[] Models =
    {
        ("SeedModel1", 43_362), ("SeedModel2", 36_436), ("SeedModel3", 121_016),
    };

    /// <summary>Models in the attribute file besides the three seeds: the sample's ResidualCnn, TwoViewCnn, SiameseNetwork, VisionTransformer, RowLstm and AdditionRnn twins.</summary>
    public const int SampleModels = 6;

    /// <summary>Blocks in the attribute file: ResidualUnit, DownsampleUnit, DigitEncoder, SiameseEmbedding, TransformerEncoder.</summary>
    public const int SampleBlocks = 5;

    // Flow style, with the main-argument shorthand for pooling and dropout.
    public const string Model1 = """
        model: SeedModel1
        namespace: Twins.Yaml
        input: [1, 28, 28]
        layers:
          - conv2d: { filters: 64, kernel_size: 3, padding: same, activation: relu }
          - max_pooling2d: 2
          - dropout: 0.2
          - conv2d: { filters: 28, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.35
          - conv2d: { filters: 12, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.4
          - flatten
          - dense: { units: 10, activation: softmax }
        expect_parameters: 43362
        """;

    // Block style throughout, explicit option names, Keras spellings (strides, ReLU).
    public const string Model2 = """
        model: SeedModel2
        namespace: Twins.Yaml
        input:
          - 1
          - 28
          - 28
        layers:
          - conv2d:
              filters: 60
              kernel_size: 3
              padding: same
              activation: ReLU
          - dropout:
              rate: 0.25
          - max_pooling2d:
              pool_size: 2
          - conv2d:
              filters: 40
              kernel_size: [3, 3]
              strides: 1
              padding: same
              activation: relu
          - dropout: 0.35
          - max_pooling2d: { pool_size: [2, 2] }
          - conv2d: { filters: 28, kernel_size: 3, padding: Same, activation: relu, use_bias: true }
          - dropout: 0.5
          - max_pooling2d: 2
          - conv2d: { filters: 14, kernel_size: 3, padding: same, activation: relu }
          - max_pooling2d: 2
          - dropout: 0.55
          - conv2d: { filters: 8, kernel_size: 2, padding: same, activation: relu }
          - dropout: 0.6
          - flatten:
          - dense: { units: 10, activation: softmax }
        expect_parameters: 36_436
        """;

    // Input as a mapping, an anchor reused by alias, and expect_parameters as a mapping.
    public const string Model3 = """
        model: SeedModel3
        namespace: Twins.Yaml
        input: { channels: 1, height: 28, width: 28 }
        layers:
          - conv2d: { filters: 80, kernel_size: 5, padding: same, activation: relu }
          - max_pooling2d: 3
          - conv2d: { filters: 70, kernel_size: 3, padding: same, activation: relu }
          - dropout: &p35 0.35
          - conv2d: { filters: 50, kernel_size: 3, padding: same, activation: relu }
          - dropout: *p35
          - conv2d: { filters: 30, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.4
          - conv2d: { filters: 20, kernel_size: 3, padding: same, activation: relu }
          - max_pooling2d: 2
          - dropout: 0.5
          - conv2d: { filters: 16, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.5
          - conv2d: { filters: 8, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.55
          - flatten
          - dense: { units: 100, activation: relu }
          - dropout: 0.7
          - dense: { units: 10, activation: softmax }
        expect_parameters: { count: 121016 }
        """;

    public static readonly string[] Yaml = { Model1, Model2, Model3 };

    /// <summary>
    /// The attribute declarations, read from tests/Dsl.Runtime.Tests/Models/SeedModels.cs (embedded in this assembly),
    /// so the generator tests and the run-time tests check one and the same declaration of the seed models.
    /// </summary>
    public static string Attributes { get; } = ReadEmbedded("SeedModels.cs");

    private static string ReadEmbedded(string name)
    {
        using var stream = typeof(SeedSpecs).Assembly.GetManifestResourceStream(name)
            ?? throw new System.InvalidOperationException("embedded resource " + name + " is missing");
        using var reader = new System.IO.StreamReader(stream);
        return reader.ReadToEnd();
    }
}
