namespace Dsl.Generator.Model;

/// <summary>Mirrors <c>Dsl.Padding</c> in the runtime (same names, same values).</summary>
internal enum Padding
{
    Valid = 0,
    Same,
}
