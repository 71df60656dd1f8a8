namespace Dsl.Generator.Diagnostics;

/// <summary>
/// What a diagnostic tells its code fix (Dsl.CodeFixes links this file): keys of <c>Diagnostic.Properties</c>. One
/// vocabulary, so the generator that knows the answer and the fix that writes it cannot drift apart.
/// </summary>
internal static class FixProperties
{
    /// <summary>A name the user wrote that names nothing (<c>stme</c>), found inside the diagnostic's span.</summary>
    public const string Replace = "dsl.replace";

    /// <summary>The nearest valid name, to write instead of <see cref="Replace"/> (<c>stem</c>).</summary>
    public const string With = "dsl.with";

    /// <summary>DSL008: the computed parameter count, for ExpectParameters.</summary>
    public const string Count = "dsl.count";

    /// <summary>DSL003: present when <c>same</c> padding makes the layer's shape valid.</summary>
    public const string SamePadding = "dsl.same-padding";

    /// <summary>DSL011: present when the softmax can move to the output layer (the diagnostic's additional location).</summary>
    public const string MoveSoftmax = "dsl.move-softmax";
}
