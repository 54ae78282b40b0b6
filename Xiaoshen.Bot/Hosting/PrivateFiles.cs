namespace Xiaoshen.Bot.Hosting;

/// <summary>Folders and files only the service's own user may read (mode 700 and 600 where the OS has Unix permissions).</summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> if needed and makes it private to the service's user.</summary>
    public static DirectoryInfo Folder(string path)
    {
        var folder = OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, OwnerFolder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerFolder);
        }

        return folder;
    }

    /// <summary>
    /// The text of <paramref name="path"/>; when the file does not exist, <paramref name="create"/>'s text is written to it
    /// first, readable by the owner only. Two processes starting at once agree on one text: the first to create the file wins.
    /// </summary>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (!File.Exists(path))
        {
            // The folder (data/) is the operator's; only the file is made private.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var draft = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerFile;
            }

            using (var writer = new StreamWriter(draft, System.Text.Encoding.UTF8, options))
            {
                writer.Write(create());
            }

            try
            {
                File.Move(draft, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(draft);
            }
        }

        return File.ReadAllText(path).Trim();
    }
}
