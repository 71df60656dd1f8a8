namespace Dsl.Generator.Model;

/// <summary>
/// Where a declaration (a model or a block) starts: the first character of its attributes, or of its YAML file's root
/// mapping. Its spec's locations count from here (<see cref="SourceLocation.RelativeTo"/>), so edits above it change
/// the anchor alone. <see cref="Key"/> names the declaration the same way across edits.
/// </summary>
internal sealed record Anchor(string Key, string FilePath, int Position, int Line)
{
    /// <summary>The key of an attribute-declared model or block: its role and full name.</summary>
    public static string ForAttributes(string role, string fullName) => role + ":" + fullName;

    /// <summary>The key of a YAML declaration: its file.</summary>
    public static string ForYaml(string path) => "yaml:" + path;
}
