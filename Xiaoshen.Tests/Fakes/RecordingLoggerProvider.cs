using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Xiaoshen.Tests.Fakes;

/// <summary>
/// Keeps every log line at <paramref name="minimum"/> and above (Warning: what an operator reads at start; Debug: to check
/// that personal data is masked even there).
/// </summary>
public sealed class RecordingLoggerProvider(LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(_lines, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
