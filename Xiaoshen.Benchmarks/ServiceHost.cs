using System.Diagnostics;
using System.Globalization;

namespace Xiaoshen.Benchmarks;

/// <summary>The real Xiaoshen service from its Release build, on a loopback port with fresh data; killed on dispose.</summary>
internal sealed class ServiceHost : IDisposable
{
    private readonly Process _process;

    private ServiceHost(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static Task<ServiceHost> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, settings);

    /// <summary>Starts the service in <paramref name="environment"/> (Production when null).</summary>
    public static async Task<ServiceHost> StartAsync(string? environment, params (string Key, string Value)[] settings)
    {
        var root = Path.Combine(Path.GetTempPath(), "xiaoshen-load", Guid.NewGuid().ToString("N")[..8]);
        var dll = Path.Combine(RepositoryRoot(), "Xiaoshen.Bot", "bin", "Release", "net10.0", "Xiaoshen.Bot.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the service first: dotnet build -c Release Xiaoshen.Bot", dll);
        }

        var port = LoadRun.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot() };
        var arguments = new List<(string, string)>
        {
            ("urls", $"http://127.0.0.1:{port}"),
            ("Knowledge:IndexPath", Path.Combine(root, "index")),
            ("Storage:SqliteFile", Path.Combine(root, "xiaoshen.db")),
            ("Attachments:UploadPath", Path.Combine(root, "uploads")),
            ("Knowledge:WatchContent", "false"),
            ("Logging:LogLevel:Default", "Warning"),

            // Production refuses an unauthenticated /api/messages unless told the Emulator (here: the load driver) is local.
            ("BotFramework:AllowEmulatorFromLoopback", "true"),

            // Production builds links from the configured public address, never from the Host header.
            ("PublicEndpoint:BaseUrl", $"http://127.0.0.1:{port}"),
        };
        arguments.AddRange(settings);
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in arguments)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }

        if (environment is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        // The service's own log (warnings and errors), kept beside its data for a run that went wrong.
        Directory.CreateDirectory(root);
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(root, "service.log")) { AutoFlush = true });
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 720; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode)
                {
                    return new ServiceHost(process, port);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("Xiaoshen did not start within 6 minutes.");
    }

    /// <summary>The service's resident memory (Linux /proc), in MB.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>CPU time the service has used so far (user and system, all threads), in seconds.</summary>
    public double CpuSeconds()
    {
        _process.Refresh();
        return _process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>
    /// Waits until <paramref name="nodes"/> together use under 5 % of a core over two seconds (at most five minutes): a
    /// node that has just started measures its build for the editors' build report at a quarter of a core for about a
    /// minute, which a steady-state row should not count.
    /// </summary>
    public static async Task SettleAsync(IReadOnlyList<ServiceHost> nodes)
    {
        var settle = Stopwatch.StartNew();
        while (settle.Elapsed < TimeSpan.FromMinutes(5))
        {
            var before = nodes.Sum(n => n.CpuSeconds());
            await Task.Delay(TimeSpan.FromSeconds(2));
            if (nodes.Sum(n => n.CpuSeconds()) - before < 0.1)
            {
                return;
            }
        }
    }

    /// <summary>True while the process runs and answers /health.</summary>
    public async Task<bool> IsHealthyAsync()
    {
        if (_process.HasExited)
        {
            return false;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return (await http.GetAsync(BaseUrl + "/health")).IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xiaoshen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Xiaoshen.sln not found above " + AppContext.BaseDirectory);
    }
}
