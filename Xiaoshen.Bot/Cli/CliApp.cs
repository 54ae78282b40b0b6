using Microsoft.Extensions.Options;
using Spectre.Console;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Cli;

/// <summary>
/// The command-line verbs: <c>kb validate</c>, <c>kb search</c>, <c>kb train</c>, <c>eval</c>, <c>ocr</c> and <c>accounts …</c>. They
/// run instead of the web host. Exit codes: 0 done, 1 the content (or a build) is invalid or an account change was
/// refused, 2 the command line or an input (file, password) is wrong.
/// Reports go to standard output; logs and progress go to standard error.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public const string HelpText = """
        Usage:
          (no command)                          serve the web chat, the agent console and the channels
          kb validate [--path DIR]              check the knowledge base; every problem with file and line
          kb search "问题" [--path DIR] [--matter ID]
                                                show the decision and ranked matters for a question
          kb train [--path DIR]                 rebuild the index and recalibrate thresholds on eval/dev.jsonl
          eval --questions FILE [--kb DIR] [--json] [--details OUT.jsonl]
                                                score a JSONL question set
          ocr FILE…                             read images offline (PP-OCRv4); one JSON object per file:
                                                {"file": …, "lines": [{"text": …, "confidence": …, "box": [x, y, w, h]}]}
          accounts list                         console accounts, with roles, groups and state
          accounts add ID --name NAME --roles admin[,supervisor,editor,agent] [--groups gjj,rsj]
                                                create an account (the first admin of a new deployment)
          accounts disable|enable|delete ID     an account's sessions end within a minute
          accounts reset-password ID            set a new password
                                                Passwords are asked for without echo, or read from the first
                                                line of standard input when it is redirected.
        Options: --verbose (logs to standard error)
        Exit codes: 0 done, 1 invalid content or account change refused (unknown id, id taken, last admin) or
                    OCR models missing, 2 wrong command line or input (file, unreadable image, role, password too short).
        """;

    private static readonly string[] AccountActions = ["list", "add", "disable", "enable", "reset-password", "delete"];

    // Asking for help never starts the service: an operator who types --help gets the verbs, not a host starting (or
    // refusing to start) with production settings.
    private static readonly string[] HelpWords = ["--help", "-h", "-?", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && (args[0] is "kb" or "eval" or "ocr" or "accounts" || HelpWords.Contains(args[0]));

    /// <summary>The environment the web host would run in, so a verb reads the same settings (and user secrets in Development).</summary>
    public static string EnvironmentName =>
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production;

    public static async Task<int> RunAsync(string[] args)
    {
        var stdout = CreateConsole(Console.Out);
        var stderr = CreateConsole(Console.Error);
        try
        {
            var verb = args[0] is "kb" or "accounts" && args.Length > 1 ? $"{args[0]} {args[1]}" : args[0];
            var rest = CliArguments.Parse(args.Skip(verb.Contains(' ', StringComparison.Ordinal) ? 2 : 1).ToArray());
            if (HelpWords.Contains(args[0]) || rest.Has("--help") || rest.Has("-h"))
            {
                stdout.WriteLine(HelpText);
                return Ok;
            }

            return verb switch
            {
                "kb validate" => KbCommands.Validate(stdout, rest),
                "kb search" => await KbCommands.SearchAsync(stdout, rest),
                "kb train" => await KbCommands.TrainAsync(stdout, rest),
                "eval" => await EvalCommand.RunAsync(stdout, stderr, rest),
                "ocr" => await OcrCommand.RunAsync(stderr, rest),
                _ when args[0] == "accounts" && args.Length > 1 && AccountActions.Contains(args[1]) => await AccountCommands.RunAsync(args[1], rest, stdout, stderr),
                _ => throw new CliUsageException($"unknown command '{string.Join(' ', args.Take(2))}'"),
            };
        }
        catch (CliUsageException ex)
        {
            stderr.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            stderr.WriteLine(HelpText);
            return Usage;
        }
        catch (EvalInputException ex)
        {
            stderr.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return Usage;
        }
        catch (OptionsValidationException ex)
        {
            stderr.MarkupLineInterpolated($"[red]error:[/] {string.Join("; ", ex.Failures)}");
            return Usage;
        }
        catch (DirectoryNotFoundException ex)
        {
            stderr.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return Usage;
        }
    }

    // Scripts read redirected output: do not wrap it at 80 columns.
    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    /// <summary>A service provider with the knowledge engine only, configured like the web host plus the command's overrides.</summary>
    public static IHost BuildHost(CliArguments arguments, string pathOption)
    {
        var builder = CreateBuilder(arguments);
        builder.Configuration["Knowledge:WatchContent"] = "false";
        if (arguments.Option(pathOption) is { } path)
        {
            builder.Configuration["Knowledge:ContentPath"] = Path.GetFullPath(path);
        }

        builder.AddKnowledge();
        builder.Services.PostConfigure<KnowledgeOptions>(WorkspacePaths.Resolve);
        return builder.Build();
    }

    /// <summary>A host builder configured like the web host (settings, environment), logging to standard error only.</summary>
    public static HostApplicationBuilder CreateBuilder(CliArguments arguments)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = EnvironmentName,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Configuration["Logging:LogLevel:Default"] = arguments.Has("--verbose") ? "Information" : "Warning";
        return builder;
    }

    /// <summary>Loads (or builds) the index for the configured content; null with the errors printed when it cannot.</summary>
    public static async Task<KnowledgeSearch?> OpenIndexAsync(IHost host, IAnsiConsole console, bool force = false)
    {
        _ = host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        var indexer = host.Services.GetRequiredService<KnowledgeIndexer>();
        var search = host.Services.GetRequiredService<KnowledgeSearch>();
        var result = await indexer.RefreshAsync(force);
        if (!result.IsValid)
        {
            KbCommands.PrintProblems(console, result.Problems);
            return null;
        }

        return search;
    }
}
