using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Xiaoshen.Knowledge.Indexing;

/// <summary>
/// Logs (Debug) how long each step of a build took, in wall time and in the process's CPU time (user + system, all
/// threads, so other work in the process counts too), to see where a rebuild's time goes. Not thread-safe: one build.
/// </summary>
internal sealed partial class BuildSteps(ILogger logger)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpu = Cpu();

    /// <summary>Logs the time since the previous step ended (or since this was created) as step <paramref name="name"/>.</summary>
    public void Done(string name)
    {
        var cpu = Cpu();
        LogTook(name, _wall.ElapsedMilliseconds, (long)(cpu - _cpu).TotalMilliseconds);
        _cpu = cpu;
        _wall.Restart();
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Build step '{Step}' took {WallMs} ms, {CpuMs} ms of CPU")]
    private partial void LogTook(string step, long wallMs, long cpuMs);
}
