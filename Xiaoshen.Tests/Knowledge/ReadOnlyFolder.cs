using System.Diagnostics;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>
/// Makes a folder unwritable for this process: by its permissions, and where the tests run as root (who ignores them)
/// with the immutable attribute (<c>chattr +i</c>). <see cref="Dispose"/> makes it writable again.
/// </summary>
internal sealed class ReadOnlyFolder : IDisposable
{
    private const UnixFileMode Writable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute;

    private readonly string _path;
    private readonly bool _immutable;

    public ReadOnlyFolder(string path)
    {
        _path = path;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, ReadOnly);
        }

        if (CanWrite(path))
        {
            _immutable = Chattr("+i", path);
        }

        IsReadOnly = !CanWrite(path);
    }

    /// <summary>True when writing into the folder now fails.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Whether this machine lets the tests make a folder read-only (null), or why not.</summary>
    public static string? WhyNotPossible()
    {
        var probe = Directory.CreateTempSubdirectory("xiaoshen-readonly-probe").FullName;
        try
        {
            using var folder = new ReadOnlyFolder(probe);
            return folder.IsReadOnly ? null : "this process can write into read-only folders and chattr +i is not available (the tests need e1fsprogs' chattr when run as root)";
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    public void Dispose()
    {
        if (_immutable)
        {
            Chattr("-i", _path);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, Writable);
        }
    }

    private static bool CanWrite(string path)
    {
        var probe = Path.Combine(path, ".probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A test that needs <see cref="ReadOnlyFolder"/>; skipped with the reason where a folder cannot be made read-only.</summary>
public sealed class ReadOnlyFolderFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(ReadOnlyFolder.WhyNotPossible);

    public ReadOnlyFolderFactAttribute()
    {
        if (Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
