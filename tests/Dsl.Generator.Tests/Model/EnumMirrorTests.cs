using System;
using System.Linq;

namespace Dsl.Generator.Tests.Model;

/// <summary>
/// The generator cannot reference the runtime, so it keeps its own copies of the runtime's enums and emits
/// their member names into generated code. The copies must not drift.
/// </summary>
public class EnumMirrorTests
{
    [Theory]
    [InlineData(typeof(Dsl.Activation), typeof(Dsl.Generator.Model.Activation))]
    [InlineData(typeof(Dsl.Padding), typeof(Dsl.Generator.Model.Padding))]
    [InlineData(typeof(Dsl.LayerKind), typeof(Dsl.Generator.Model.LayerKind))]
    public void Generator_enums_have_the_runtime_names_and_values(Type runtime, Type generator)
    {
        var expected = Enum.GetNames(runtime).Select(n => (n, Convert.ToInt32(Enum.Parse(runtime, n), System.Globalization.CultureInfo.InvariantCulture)));
        var actual = Enum.GetNames(generator).Select(n => (n, Convert.ToInt32(Enum.Parse(generator, n), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, actual);
    }
}
