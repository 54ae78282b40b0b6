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

    /// <summary>Launch arguments that work on these machines (headless, no sandbox, no background traffic).</summary>
    public static readonly string[] LaunchArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    /// <summary>
    /// <see cref="LaunchArgs"/> with a fake camera and microphone that need no permission prompt, for calls and
    /// recordings (issue 15).
    /// </summary>
    public static readonly string[] MediaLaunchArgs = [.. LaunchArgs, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"];

    public static string ExecutablePath => Environment.GetEnvironmentVariable("XIAOSHEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
}
