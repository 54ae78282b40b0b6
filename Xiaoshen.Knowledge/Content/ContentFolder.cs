using System.Security.Cryptography;
using System.Text;

namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// Every file of a content folder read once, and the hash of exactly those bytes. The loader parses this copy and reads
/// no file again, so a build's content hash always describes the text it was built from: a file saved while the folder
/// is read is in the next build, whose hash differs. Files and folders whose names start with a dot (an editor's
/// temporary file, <c>.git</c>) are not content.
/// </summary>
internal sealed class ContentFolder
{
    private readonly SortedDictionary<string, byte[]> _files;

    private ContentFolder(SortedDictionary<string, byte[]> files, string hash)
    {
        _files = files;
        Hash = hash;
    }

    public string Hash { get; }

    public static ContentFolder Read(string root)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var relative in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                     .Where(f => !f.Split('/').Any(part => part.StartsWith('.'))))
        {
            try
            {
                files[relative] = File.ReadAllBytes(Path.Combine(root, relative));
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted between the listing and the read: not part of this version of the folder.
            }
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, bytes) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(relative));
            sha.AppendData(bytes);
        }

        return new ContentFolder(files, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public bool Exists(string relative) => _files.ContainsKey(relative);

    public byte[] Bytes(string relative) => _files[relative];

    /// <summary>The files directly inside <paramref name="folder"/> whose names end with <paramref name="extension"/>, in ordinal order.</summary>
    public IReadOnlyList<string> Files(string folder, string extension) =>
        [.. _files.Keys.Where(f => f.StartsWith(folder + "/", StringComparison.Ordinal)
                                   && f.IndexOf('/', folder.Length + 1) < 0
                                   && f.EndsWith(extension, StringComparison.Ordinal))];

    /// <summary>The file's lines, read as <see cref="File.ReadAllLines(string)"/> reads them (UTF-8 unless a byte order mark says otherwise).</summary>
    public IReadOnlyList<string> Lines(string relative)
    {
        using var reader = new StreamReader(new MemoryStream(_files[relative]), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
