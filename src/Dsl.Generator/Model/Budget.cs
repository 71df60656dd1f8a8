namespace Dsl.Generator.Model;

/// <summary>
/// A model's limits (<c>[Budget]</c>, <c>budget:</c>, or the project's MSBuild defaults), as given: each null when not
/// set, 0 for no limit (a negative one is reported).
/// <see cref="Location"/> is where a limit passed is reported; <see cref="Origin"/> says in the message where the limit
/// came from.
/// </summary>
internal sealed record Budget(long? MaxParameters, long? MaxMultAdds, long? MaxActivationBytes, long? MaxParameterBytes)
{
    public SourceLocation Location { get; init; }

    /// <summary>How the message names the limit's source: <c>[Budget]</c>, <c>budget:</c>, <c>the project's DslMaxParameters</c>.</summary>
    public string Origin { get; init; } = "[Budget]";

    public bool IsEmpty => MaxParameters is null && MaxMultAdds is null && MaxActivationBytes is null && MaxParameterBytes is null;
}
