namespace Xiaoshen.Tests.Browser;

/// <summary>A test that drives Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>XIAOSHEN_CHROMIUM</c>); skipped with the reason when absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"Chromium is not installed at {ExecutablePath} (.ci/run installs the Debian package chromium)";
        }
    }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("XIAOSHEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
}
