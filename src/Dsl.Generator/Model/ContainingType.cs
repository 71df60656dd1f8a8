namespace Dsl.Generator.Model;

/// <summary>A type enclosing a nested model class, re-declared as a partial around the generated code.</summary>
internal readonly record struct ContainingType(string Keyword, string Name)
{
    public string Declaration => "partial " + Keyword + " " + Emit.Identifier.Escape(Name);
}
