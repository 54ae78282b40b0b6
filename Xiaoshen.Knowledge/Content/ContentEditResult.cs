namespace Xiaoshen.Knowledge.Content;

/// <summary>What <see cref="ContentEditor"/> did.</summary>
/// <param name="File">The file, relative to the content folder.</param>
/// <param name="Failure">Why nothing was written; null when the file was written.</param>
/// <param name="Phrasing">The phrasing as written (whitespace collapsed); null when refused.</param>
/// <param name="Version">The file's version after the write; null when refused.</param>
public sealed record ContentEditResult(string File, ContentEditFailure? Failure, string? Phrasing, string? Version)
{
    /// <summary>True when the file was written.</summary>
    public bool Succeeded => Failure is null;

    internal static ContentEditResult Refused(string file, ContentEditFailure failure) => new(file, failure, null, null);
}
