using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>Bot Framework wiring: authentication, <c>CloudAdapter</c>, conversation state on our database, the turn-error handler and <c>POST /api/messages</c>.</summary>
internal static partial class BotFrameworkExtensions
{
    public static IHostApplicationBuilder AddBotFramework(this IHostApplicationBuilder builder)
    {
        // Development and Testing answer anyone (the Emulator and the tests talk to the bot without Azure credentials).
        // Elsewhere the endpoint needs Azure Bot Service's token, or the explicit Emulator setting, or to be turned off;
        // a deployment that forgot all three does not start (issue 11).
        var open = builder.Environment.IsDevelopmentOrTesting();
        var configuration = builder.Configuration;
        builder.Services.AddOptions<BotFrameworkOptions>()
            .BindConfiguration(BotFrameworkOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => open || !o.Enabled || o.AllowEmulatorFromLoopback || HasCredentials(configuration), BotEndpointGuard.NoCredentialsMessage)
            .ValidateOnStart();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
            var callers = open ? BotCallers.Anyone : HasCredentials(configuration) ? BotCallers.Authenticated : BotCallers.EmulatorOnLoopback;
            return new BotEndpointGuard(callers, options.Enabled, options.ServiceUrlHosts);
        });

        // The SDK validates tokens whenever an app id is configured; Development and Testing never ask for one.
        var authConfiguration = open ? new ConfigurationBuilder().Build() : (IConfiguration)configuration;
        builder.Services.AddSingleton<BotFrameworkAuthentication>(services =>
            new ConfigurationBotFrameworkAuthentication(authConfiguration, logger: services.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));

        // The container finds two equally good CloudAdapter constructors, so it is built by hand.
        builder.Services.AddSingleton<CloudAdapter>(services =>
        {
            var adapter = new CloudAdapter(services.GetRequiredService<BotFrameworkAuthentication>(), services.GetRequiredService<ILogger<CloudAdapter>>());
            adapter.OnTurnError = TurnErrorHandler(services);
            return adapter;
        });
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(services => services.GetRequiredService<CloudAdapter>());
        builder.Services.AddSingleton<IStorage, EfBotStorage>();
        builder.Services.AddSingleton<ConversationState, BotConversationState>();
        builder.Services.AddTransient<IBot, XiaoshenBot>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBotFrameworkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", PostActivityAsync);
        return app;
    }

    // The adapter answers malformed bodies with a bare status; callers get a problem document that says what was wrong.
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> PostActivityAsync(
        HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, IOptions<BotFrameworkOptions> options, BotEndpointGuard guard, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxRequestBytes;
        if (await BoundedBody.ReadAsync(http.Request, max, cancellationToken) is not { } body)
        {
            return TooLarge(max);
        }

        var buffer = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
        try
        {
            using var document = await JsonDocument.ParseAsync(buffer, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return TypedResults.Problem("An activity is a JSON object with a string \"type\".", statusCode: StatusCodes.Status400BadRequest, title: "Not an activity");
            }

            if (guard.Check(http, document.RootElement) is { } refused)
            {
                return refused;
            }
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The request body is not valid JSON.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }

        buffer.Position = 0;
        http.Request.Body = buffer;
        await adapter.ProcessAsync(http.Request, http.Response, bot, cancellationToken);
        return TypedResults.Empty;
    }

    private static bool HasCredentials(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);

    private static ProblemHttpResult TooLarge(int max) =>
        TypedResults.Problem($"An activity may be at most {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large");

    // After BotBuilder's AdapterWithErrorHandler: log, apologise, reset the conversation's state so it cannot loop.
    // Each step has its own guard: a failure to apologise must not prevent the reset.
    internal static Func<ITurnContext, Exception, Task> TurnErrorHandler(IServiceProvider services) => async (turnContext, exception) =>
    {
        var logger = services.GetRequiredService<ILogger<CloudAdapter>>();
        LogTurnFailed(logger, turnContext.Activity?.Conversation?.Id, exception);
        try
        {
            var messages = services.GetRequiredService<IOptionsMonitor<ConversationMessages>>().CurrentValue;
            await turnContext.SendActivityAsync(exception is Storage.StorageUnavailableException ? messages.StorageBusy : messages.TurnError);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApologyFailed(logger, ex);
        }

        // A database that did not confirm the turn in time is not the state's fault: the state (queued, and stored once
        // the database is back) is kept, or the person would lose the matter they were asking about.
        if (exception is Storage.StorageUnavailableException)
        {
            return;
        }

        try
        {
            await services.GetRequiredService<ConversationState>().DeleteAsync(turnContext);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResetFailed(logger, ex);
        }
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, string? conversationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the apology after a failed turn")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reset conversation state after a failed turn")]
    private static partial void LogResetFailed(ILogger logger, Exception exception);
}
