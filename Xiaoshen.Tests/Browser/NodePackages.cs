using System.Diagnostics;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// The tests' npm packages (<c>Node/package.json</c> and its lock file, copied next to the tests), installed with
/// <c>npm ci</c> once per test run the first time a test needs them; nothing third-party is committed.
/// </summary>
internal static class NodePackages
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Node");

    public static async Task EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!_installed)
            {
                await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error");
                _installed = true;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string arguments, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
