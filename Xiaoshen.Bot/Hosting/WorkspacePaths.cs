using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// Resolves relative knowledge paths so the service works whether it is started from the repository root, from the
/// project folder (as <c>dotnet run</c> may do) or from the build output: the content folder is looked up in the
/// current folder and its parents, and a relative index path is placed beside it.
/// </summary>
internal static class WorkspacePaths
{
    public static void Resolve(KnowledgeOptions options)
    {
        if (Path.IsPathRooted(options.ContentPath))
        {
            return;
        }

        var root = FindRoot(Directory.GetCurrentDirectory(), options.ContentPath)
            ?? FindRoot(AppContext.BaseDirectory, options.ContentPath);
        if (root is null)
        {
            return;
        }

        options.ContentPath = Path.GetFullPath(Path.Combine(root, options.ContentPath));
        if (!Path.IsPathRooted(options.IndexPath))
        {
            options.IndexPath = Path.GetFullPath(Path.Combine(root, options.IndexPath));
        }
    }

    /// <summary>
    /// <paramref name="path"/> as the service's data paths are meant: absolute as given, relative to the folder holding the
    /// content otherwise (so <c>data/…</c> lands beside <c>knowledge-base/</c>).
    /// </summary>
    public static string BesideContent(KnowledgeOptions knowledge, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(knowledge.ContentPath))!, path);

    private static string? FindRoot(string start, string relative)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, relative)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
