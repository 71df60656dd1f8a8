using System.Collections.Generic;

namespace Samples.Applications;

/// <summary>Keras's own parameter totals for one application, as its <c>model.summary()</c> prints them, and where they are printed.</summary>
/// <param name="Model">The class name of our spec.</param>
/// <param name="Keras">The Keras constructor, with the arguments the spec follows.</param>
/// <param name="Source">A printed <c>model.summary()</c> of that constructor showing the three totals.</param>
internal sealed record KerasFigures(string Model, string Keras, long Total, long Trainable, long NonTrainable, string Source)
{
    /// <summary>
    /// One page prints all six summaries (keras.applications with include_top=True, 1000 classes, default input
    /// sizes, under TensorFlow's Keras; Keras 3 builds the same layers, keras/src/applications/*.py). Other sources
    /// agree: VGG16's three printed in
    /// https://github.com/chrisk0312/AI-study/blob/4c77b0fe2ffc91777f3345262ad68e5324b1724d/keras2/keras62_1_vgg16_include_top.py,
    /// ResNet50's three stated in https://github.com/flageval-baai/FlagEval/issues/34.
    /// </summary>
    public const string AllSix = "https://github.com/mujink/study/blob/15f5c0b6850e8a3d7ab990a296ce3e0e8c30503b/keras77_All_TransferLearning.py";

    public static IReadOnlyList<KerasFigures> All { get; } =
    [
        new("Vgg16", "VGG16()", 138_357_544, 138_357_544, 0, AllSix),
        new("ResNet50", "ResNet50()", 25_636_712, 25_583_592, 53_120, AllSix),
        new("MobileNetV2", "MobileNetV2(alpha=1.0) at 224x224", 3_538_984, 3_504_872, 34_112, AllSix),
        new("DenseNet121", "DenseNet121()", 8_062_504, 7_978_856, 83_648, AllSix),
        new("InceptionV3", "InceptionV3() at 299x299", 23_851_784, 23_817_352, 34_432, AllSix),
        // The same page prints EfficientNetB0() (224x224) too; keras.io's table lists it at 5.3M.
        new("EfficientNetB0", "EfficientNetB0() at 224x224", 5_330_571, 5_288_548, 42_023, AllSix),
    ];
}
