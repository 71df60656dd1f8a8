using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Dsl.Support;

/// <summary>Read-only shape lists for generated metadata.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ShapeList
{
    /// <summary>A read-only list of the given dimensions.</summary>
    public static IReadOnlyList<int> Of(params int[] dimensions) => Array.AsReadOnly(dimensions);
}
