namespace Xiaoshen.Tests;

/// <summary>A private copy of TestData/knowledge-base in a temp folder, with an index folder beside it; deleted on dispose.</summary>
public sealed class TestKnowledgeBase : IDisposable
{
    public TestKnowledgeBase()
        : this(Source)
    {
    }

    /// <summary>A private copy of the content at <paramref name="source"/> (e.g. <see cref="RepositorySource"/>).</summary>
    public TestKnowledgeBase(string source)
    {
        Root = Path.Combine(Path.GetTempPath(), "xiaoshen-tests", Guid.NewGuid().ToString("N"));
        ContentPath = Path.Combine(Root, "knowledge-base");
        IndexPath = Path.Combine(Root, "index");
        Copy(source, ContentPath);
    }

    public static string Source => Path.Combine(AppContext.BaseDirectory, "TestData", "knowledge-base");

    /// <summary>The repository's real knowledge-base folder (all 105 matters), for tests whose examples need it.</summary>
    public static string RepositorySource
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "knowledge-base");
                if (File.Exists(Path.Combine(dir.FullName, "Xiaoshen.sln")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("The repository's knowledge-base folder was not found above " + AppContext.BaseDirectory);
        }
    }

    public string Root { get; }

    public string ContentPath { get; }

    public string IndexPath { get; }

    public string PathOf(string relative) => Path.Combine(ContentPath, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string text) => File.WriteAllText(PathOf(relative), text);

    /// <summary>Replaces the first occurrence of <paramref name="old"/> in a file; fails the test when it is not there.</summary>
    public void Replace(string relative, string old, string replacement)
    {
        var text = Read(relative);
        var index = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{old}' not found in {relative}");
        Write(relative, string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + old.Length)));
    }

    /// <summary>1-based line of the first line containing <paramref name="text"/>.</summary>
    public int LineOf(string relative, string text)
    {
        var lines = Read(relative).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' not found in {relative}");
        return index + 1;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test host may still hold an index file open on some platforms; the temp folder is cleaned by the OS.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
