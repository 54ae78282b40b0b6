using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Indexing;

/// <summary>
/// A build of the content folder's current state that is not served (<see cref="KnowledgeIndexer.BuildCandidateAsync"/>).
/// Disposing it closes the search and deletes its temporary folder. Not thread-safe to dispose while searching.
/// </summary>
public sealed class CandidateBuild : IDisposable
{
    private readonly string? _folder;

    internal CandidateBuild(KnowledgeSearch? search, string? folder, IReadOnlyList<ContentProblem> problems)
    {
        Search = search;
        _folder = folder;
        Problems = problems;
    }

    /// <summary>The candidate's search; null when the content has errors (see <see cref="Problems"/>).</summary>
    public KnowledgeSearch? Search { get; }

    /// <summary>The content problems found while loading (errors when <see cref="Search"/> is null, else warnings).</summary>
    public IReadOnlyList<ContentProblem> Problems { get; }

    /// <summary>Closes the search and deletes the temporary folder.</summary>
    public void Dispose()
    {
        Search?.Dispose();
        if (_folder is not null)
        {
            DeleteFolder(_folder);
        }
    }

    internal static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is harmless; the next candidate uses a new one.
        }
    }
}
