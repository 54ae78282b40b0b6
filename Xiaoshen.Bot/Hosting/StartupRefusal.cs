using System.Reflection;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// Settings the service refuses to start without (outside Development: the public address, the Bot Framework credentials,
/// …) are checked before the host starts, and told to the operator one line each with exit code 1: not an unhandled
/// exception that aborts the process (exit 134) with the reasons buried in two stack traces.
/// </summary>
internal static partial class StartupRefusal
{
    /// <summary>
    /// Checks the settings validated at start, before the request pipeline resolves any of them (the console's key ring
    /// reads the content path while the middleware is added): 1 when they refuse the start, after telling why; else null.
    /// </summary>
    public static async Task<int?> RefusedAsync(WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception refused) when (Reasons(refused) is { Count: > 0 } reasons && IsOwnProcess)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupRefusal));
            foreach (var reason in reasons)
            {
                LogRefused(logger, reason);
            }

            LogNotStarted(logger, reasons.Count);

            // Disposing flushes the console logger, which writes from a queue.
            await app.DisposeAsync();
            return 1;
        }

        return null;
    }

    // Run as the process's own program. Hosted by another one (WebApplicationFactory in the tests), the refusal reaches
    // that host as the validation exception, as it would from the host's own start.
    private static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupRefusal).Assembly;

    // The failures of the options validated at start (ValidateOnStart): one exception, or several in an aggregate.
    private static List<string> Reasons(Exception refused) => refused switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => [],
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Xiaoshen did not start: {Count} setting(s) above must be set or corrected first (outside Development and Testing, unsafe defaults are refusals, not open doors)")]
    private static partial void LogNotStarted(ILogger logger, int count);
}
