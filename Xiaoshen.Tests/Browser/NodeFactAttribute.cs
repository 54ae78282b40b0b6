using System.Diagnostics;

namespace Xiaoshen.Tests.Browser;

/// <summary>A test that needs Node.js and npm on the PATH; skipped with the reason when they are absent.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    private static readonly bool Available = Probe();

    public NodeFactAttribute()
    {
        if (!Available)
        {
            Skip = "Node.js with npm is not installed (.ci/run installs it)";
        }
    }

    private static bool Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("npm", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit(30_000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
