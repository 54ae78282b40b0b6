using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The human agent's side as an HTTP API (<c>/api/agent</c>), for tools other than the built-in console: sign in, see the
/// queue, accept, read the conversation (long-polling for new messages), reply, transfer and close. Same rules as the
/// console: they both call <see cref="HandoffCommands"/> and <see cref="HandoffBoard"/>.
/// </summary>
internal static class HumanAgentEndpoints
{
    private const int MaxWaitSeconds = 25;

    public static IEndpointRouteBuilder MapHumanAgentEndpoints(this IEndpointRouteBuilder app)
    {
        // The console's cookie signs these in too: a signed-in POST from another site is refused (issue 11).
        var group = app.MapGroup("/api/agent").AddEndpointFilter<SameOriginFilter>();
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        var agents = group.MapGroup(string.Empty).RequireAuthorization(policy => policy.RequireRole(HumanAgent.AgentRole, HumanAgent.SupervisorRole))
            .AddEndpointFilter<HeardFilter>();
        agents.MapGet("/queue", QueueAsync);
        agents.MapPost("/conversations/{id:guid}/accept", AcceptAsync);
        agents.MapGet("/conversations/{id:guid}/turns", TurnsAsync);
        agents.MapPost("/conversations/{id:guid}/messages", SendAsync);
        agents.MapPost("/conversations/{id:guid}/transfer", TransferAsync);
        agents.MapPost("/conversations/{id:guid}/close", CloseAsync);
        return app;
    }

    // Wrong name or password: 401; disabled account: 403; locked: 429 with Retry-After. The detail is the Chinese text
    // the console shows, for tools that show it to the person.
    private static async Task<Results<NoContent, UnauthorizedHttpResult, ProblemHttpResult>> SignInAsync(SignInRequest request, ConsoleSignIn signIn, HttpContext http)
    {
        if (request.UserName is not { Length: > 0 } name || request.Password is not { Length: > 0 } password)
        {
            return TypedResults.Unauthorized();
        }

        var outcome = await signIn.SignInAsync(http, name, password);
        switch (outcome.Status)
        {
            case SignInStatus.SignedIn:
                return TypedResults.NoContent();
            case SignInStatus.Locked:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in locked");
            case SignInStatus.Disabled:
                return TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: "Account disabled");
            default:
                return TypedResults.Unauthorized();
        }
    }

    // From the open rows: what waits on any node.
    private static async Task<Ok<QueueResponse>> QueueAsync(ClaimsPrincipal user, HandoffBoard board, CancellationToken cancellationToken)
    {
        var agent = HumanAgentAccounts.FromPrincipal(user);
        var waiting = await board.WaitingAsync(agent, cancellationToken);
        var mine = await board.AssignedToAsync(agent.Id, cancellationToken);
        return TypedResults.Ok(new QueueResponse(waiting.Select(HandoffItem.From).ToList(), mine.Select(HandoffItem.From).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AcceptAsync(Guid id, ClaimsPrincipal user, HandoffCommands handoff, CancellationToken cancellationToken) =>
        Answer(await handoff.AcceptAsync(id, HumanAgentAccounts.FromPrincipal(user), cancellationToken));

    // Long-polls: answers at once when turns after `after` exist, else when the next one arrives or `wait` seconds pass.
    // Readable by the conversation's agent, its group while it waits (the backup group once escalated), or a supervisor.
    private static async Task<Results<Ok<List<TurnItem>>, NotFound, ProblemHttpResult>> TurnsAsync(
        Guid id, int? after, int? wait, ClaimsPrincipal user, [AsParameters] TranscriptServices services, CancellationToken cancellationToken)
    {
        var (copies, board, presence, conversations, attachments, options, feed) = services;
        var agent = HumanAgentAccounts.FromPrincipal(user);
        if (await RefusedAsync() is { } refused)
        {
            return refused;
        }

        var waiter = copies.WaitForChange(id, feed);
        try
        {
            var turns = await NewerAsync();

            // A client waiting here is there: it is heard each beat of the presence timeout while it waits. A change is
            // a wake-up, not a promise of a newer turn (an agent's own reply may signal once delivered, after the client
            // asked from it): with nothing newer, it waits on for the next change, unless the conversation is gone.
            var beat = TimeSpan.FromSeconds(options.CurrentValue.PresenceTimeoutSeconds) / 3;
            var waited = false;
            for (var left = TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, MaxWaitSeconds)); turns.Count == 0 && left > TimeSpan.Zero; left -= beat)
            {
                await Task.WhenAny(waiter.Changed, Task.Delay(left < beat ? left : beat, cancellationToken));
                waited = !waiter.Changed.IsCompleted;
                if (!waited)
                {
                    if (await RefusedAsync() is { } gone)
                    {
                        return gone;
                    }

                    waiter.Dispose();
                    waiter = copies.WaitForChange(id, feed);
                }

                await presence.HeardAsync(agent, cancellationToken);
                turns = await NewerAsync();
            }

            // Checked again after a wait that no change ended: the conversation may have been transferred away meanwhile
            // (a change wakes the wait and was checked just now).
            return (waited ? await RefusedAsync() : null) ?? (Results<Ok<List<TurnItem>>, NotFound, ProblemHttpResult>)TypedResults.Ok(turns);
        }
        finally
        {
            waiter.Dispose();
        }

        // From the open row: a conversation another node queued or changed is readable here too.
        async Task<Results<Ok<List<TurnItem>>, NotFound, ProblemHttpResult>?> RefusedAsync() =>
            await board.ReadableAsync(id, agent, cancellationToken) switch
            {
                null => TypedResults.NotFound(),
                { MayRead: false } => Problem(HandoffProblem.NotYours),
                _ => null,
            };

        async Task<List<TurnItem>> NewerAsync() =>
            (await conversations.TurnsAfterAsync(id, after ?? 0, cancellationToken)).Select(t => TurnItem.From(t, attachments.Of(id, t))).ToList();
    }

    private static async Task<Results<Ok<SendResponse>, ProblemHttpResult>> SendAsync(
        Guid id, MessageRequest request, ClaimsPrincipal user, HandoffCommands handoff, CancellationToken cancellationToken)
    {
        var (problem, delivery) = await handoff.SendAsync(id, HumanAgentAccounts.FromPrincipal(user), request.Text ?? string.Empty, [], [], cancellationToken);
        return problem == HandoffProblem.None
            ? TypedResults.Ok(new SendResponse(delivery?.Delivered ?? false, delivery?.Problem))
            : Problem(problem);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> TransferAsync(
        Guid id, TransferRequest request, ClaimsPrincipal user, HandoffCommands handoff, CancellationToken cancellationToken) =>
        Answer(await handoff.TransferAsync(id, HumanAgentAccounts.FromPrincipal(user), request.DepartmentId ?? string.Empty, request.Note, cancellationToken));

    // The outcome is the agent's to say (issue 14, section 5): none is assumed, and only an agent's outcomes are taken.
    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAsync(
        Guid id, CloseRequest request, ClaimsPrincipal user, HandoffCommands handoff, CancellationToken cancellationToken) =>
        Enum.TryParse<HandoffOutcome>(request.Outcome, ignoreCase: false, out var outcome) && HandoffCommands.AgentOutcomes.Contains(outcome)
            ? Answer(await handoff.CloseAsync(id, HumanAgentAccounts.FromPrincipal(user), outcome, cancellationToken))
            : TypedResults.Problem(
                title: "OutcomeRequired",
                detail: "Give the outcome: " + string.Join(", ", HandoffCommands.AgentOutcomes) + ".",
                statusCode: StatusCodes.Status400BadRequest);

    private static Results<NoContent, ProblemHttpResult> Answer(HandoffProblem problem) =>
        problem == HandoffProblem.None ? TypedResults.NoContent() : Problem(problem);

    private static ProblemHttpResult Problem(HandoffProblem problem) => TypedResults.Problem(
        title: problem.ToString(),
        statusCode: problem switch
        {
            HandoffProblem.NotFound => StatusCodes.Status404NotFound,
            HandoffProblem.NotWaiting or HandoffProblem.Conflict => StatusCodes.Status409Conflict,
            HandoffProblem.NotYours or HandoffProblem.NotInGroup => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        });

    internal sealed record SignInRequest(string? UserName, string? Password);

    internal sealed record MessageRequest(string? Text);

    internal sealed record TransferRequest(string? DepartmentId, string? Note);

    /// <summary>The outcome by name: Resolved, NotResolved or Referred12345.</summary>
    internal sealed record CloseRequest(string? Outcome);

    internal sealed record SendResponse(bool Delivered, string? Problem);

    internal sealed record QueueResponse(List<HandoffItem> Waiting, List<HandoffItem> Mine);

    internal sealed record HandoffItem(Guid ConversationId, string Channel, string DepartmentId, string? MatterId, string Reason, string Status, DateTimeOffset QueuedAt, DateTimeOffset? EscalatedAt, string? HumanAgentId)
    {
        public static HandoffItem From(HandoffView v) => new(
            v.ConversationId, v.Channel, v.Routing.DepartmentId, v.Routing.MatterId, v.Routing.Reason.ToString(), v.Status.ToString(), v.QueuedAt, v.EscalatedAt, v.HumanAgentId);
    }

    internal sealed record TranscriptServices(HandoffCopies Copies, HandoffBoard Board, HandoffPresence Presence, ConversationStore Conversations, ConsoleAttachments Attachments, IOptionsMonitor<HandoffOptions> Options, IChangeFeed Feed);

    /// <summary>A turn; its files carry a link only when they are Xiaoshen's own (<c>url</c> null and the sent URL as <c>text</c> otherwise).</summary>
    internal sealed record TurnItem(int Sequence, string Role, string Text, DateTimeOffset At, string? HumanAgentId, IReadOnlyList<ShownAttachment> Attachments)
    {
        public static TurnItem From(Turn t, IReadOnlyList<ShownAttachment> attachments) => new(t.Sequence, t.Role.ToString().ToLowerInvariant(), t.Text, t.At, t.HumanAgentId, attachments);
    }

    /// <summary>Every request of an agent-API client makes its agent heard (online), as a console's heartbeat does.</summary>
    internal sealed class HeardFilter(HandoffPresence presence) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            await presence.HeardAsync(HumanAgentAccounts.FromPrincipal(http.User), http.RequestAborted);
            return await next(context);
        }
    }
}
