namespace Xiaoshen.Knowledge.Content;

/// <summary>A content file as it is on disk now, for an editor about to change it.</summary>
/// <param name="Version">SHA-256 of the file's bytes (lower-case hex); pass it back to <see cref="ContentEditor"/> so a file changed since is not overwritten.</param>
/// <param name="Items">A matter's FAQ questions in order (FAQ n is item n-1), or the out-of-scope topics.</param>
public sealed record ContentFileView(string Version, IReadOnlyList<string> Items);
