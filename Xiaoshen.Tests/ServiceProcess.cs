using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Xiaoshen.Tests;

/// <summary>
/// The real service on a loopback port (Kestrel, not the in-process test server), for clients that need a network:
/// a browser, Node's botframework-directlinejs. Runs the built Xiaoshen.Bot.dll on a private copy of the test knowledge base.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string Secret = "browser-test-secret";

    private const int FileSizeLimit = 1; // RLIMIT_FSIZE
    private const ulong Unlimited = ulong.MaxValue;

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly bool _ownsContent;

    private ServiceProcess(Process process, string baseUrl, TestKnowledgeBase content, bool ownsContent)
    {
        _process = process;
        BaseUrl = baseUrl;
        Content = content;
        _ownsContent = ownsContent;
    }

    public string BaseUrl { get; }

    public TestKnowledgeBase Content { get; }

    /// <summary>"running", or how the process ended.</summary>
    public string State => _process.HasExited ? $"exited with {_process.ExitCode}" : "running";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the service; <paramref name="settings"/> add to or override the defaults below. Pass the
    /// <paramref name="content"/> (and data beside it) of an earlier process to restart on what it stored; it is then
    /// not deleted on dispose. With <paramref name="portFromEnvironment"/> the port is given as a container image gives it
    /// (<c>ASPNETCORE_HTTP_PORTS</c>), not with <c>--urls</c>.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, TestKnowledgeBase? content = null, bool portFromEnvironment = false)
    {
        var owned = content is null;
        content ??= new TestKnowledgeBase();
        var port = FreePort();

        // Through a shell that ignores SIGXFSZ (kept across exec), so a file size limit (LimitFileWrites) makes writes
        // fail as on a full disk instead of killing the process.
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = content.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("trap '' XFSZ; exec \"$0\" \"$@\"");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Xiaoshen.Bot.dll"));
        var defaults = new Dictionary<string, string>
        {
            ["Knowledge:ContentPath"] = content.ContentPath,
            ["Knowledge:IndexPath"] = content.IndexPath,
            ["Knowledge:WatchContent"] = "false",
            ["DirectLine:Secret"] = Secret,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Conversations:AnalysisBudgetMilliseconds"] = "60000",
        };
        if (portFromEnvironment)
        {
            start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            defaults["urls"] = $"http://127.0.0.1:{port}";
        }

        foreach (var (key, value) in defaults.Concat(settings ?? new Dictionary<string, string>()).GroupBy(s => s.Key).Select(g => g.Last()))
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var process = Process.Start(start)!;
        var service = new ServiceProcess(process, $"http://127.0.0.1:{port}", content, owned);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(service.BaseUrl + "/health")).IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        await service.DisposeAsync();
        throw new InvalidOperationException("The service did not start:\n" + service.Log);
    }

    /// <summary>The service's SQLite database (the default file beside the content).</summary>
    public string DatabaseFile => Path.Combine(Content.Root, "data", "xiaoshen.db");

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_ownsContent)
        {
            Content.Dispose();
        }
    }

    /// <summary>Ends the process at once (SIGKILL, as kill -9): no shutdown, no draining.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Makes every write of the process to a file past <paramref name="bytes"/> fail (RLIMIT_FSIZE, Linux), as writes
    /// fail on a full disk; <see cref="AllowFileWrites"/> lifts it. Needs no privilege: only the soft limit changes.
    /// </summary>
    public void LimitFileWrites(ulong bytes) => SetFileSizeLimit(bytes);

    public void AllowFileWrites() => SetFileSizeLimit(Unlimited);

    private void SetFileSizeLimit(ulong bytes)
    {
        var limit = new ResourceLimit { Current = bytes, Maximum = Unlimited };
        if (SetLimit(_process.Id, FileSizeLimit, ref limit, IntPtr.Zero) != 0)
        {
            throw new InvalidOperationException($"prlimit failed: errno {Marshal.GetLastWin32Error()}");
        }
    }

    [DllImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    private static extern int SetLimit(int pid, int resource, ref ResourceLimit limit, IntPtr old);

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
