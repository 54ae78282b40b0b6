using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Reports;

/// <summary>The columns of a stored turn that the reports read (the text only of the person's turns, already masked).</summary>
public sealed record ReportTurn(Guid Id, Guid ConversationId, int Sequence, TurnRole Role, DateTimeOffset At, string? Decision, string? MatterId, string? Content, string? Text)
{
    public static ReportTurn From(Turn turn) =>
        new(turn.Id, turn.ConversationId, turn.Sequence, turn.Role, turn.At, turn.Decision, turn.MatterId, turn.Content, turn.Role == TurnRole.User ? turn.Text : null);
}
