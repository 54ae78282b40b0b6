using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Xiaoshen.Tests;

/// <summary>
/// The real service on a loopback port (Kestrel, not the in-process test server), for clients that need a network:
/// a browser, Node's botframework-directlinejs. Runs the built Xiaoshen.Bot.dll on a private copy of the test knowledge base.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string Secret = "browser-test-secret";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServiceProcess(Process process, string baseUrl, TestKnowledgeBase content)
    {
        _process = process;
        BaseUrl = baseUrl;
        Content = content;
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

    /// <summary>Starts the service; <paramref name="settings"/> add to or override the defaults below.</summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var content = new TestKnowledgeBase();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = content.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Xiaoshen.Bot.dll"));
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Knowledge:ContentPath"] = content.ContentPath,
            ["Knowledge:IndexPath"] = content.IndexPath,
            ["Knowledge:WatchContent"] = "false",
            ["DirectLine:Secret"] = Secret,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Conversations:AnalysisBudgetMilliseconds"] = "60000",
        }.Concat(settings ?? new Dictionary<string, string>()).GroupBy(s => s.Key).Select(g => g.Last()))
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var process = Process.Start(start)!;
        var service = new ServiceProcess(process, $"http://127.0.0.1:{port}", content);
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Content.Dispose();
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
