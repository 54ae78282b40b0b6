using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>
/// Tells the person's web chat who serves them (issue 15: a human agent looked like the bot): a <c>xiaoshen.staff</c>
/// event with the agent's name and department when one joins, and another when they leave, so the page shows the agent
/// as themselves from the moment they join until they leave. Singleton.
/// </summary>
public sealed class StaffNotices(
    HandoffBoard handoff,
    ConversationStore conversations,
    HumanAgentAccounts accounts,
    HandoffAvailability availability,
    IOptionsMonitor<HandoffMessages> messages,
    DirectLineEventSender person)
{
    public const string EventName = "xiaoshen.staff";

    // Who each web chat was last told serves it (a human agent's id).
    private readonly ConcurrentDictionary<Guid, string> _shown = new();

    /// <summary>Sends the conversation's web chat who serves it now, if that changed.</summary>
    public async Task UpdateAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var view = await handoff.FindAsync(conversationId, cancellationToken);
        var serving = view is { Status: ConversationStatus.WithHuman, HumanAgentId: { } id } && id != HandoffIntake.ExternalAgent ? id : null;
        if (serving == _shown.GetValueOrDefault(conversationId)
            || await conversations.FindAsync(conversationId, cancellationToken) is not { Channel: DirectLineBridge.ChannelId } conversation)
        {
            return;
        }

        JsonObject notice;
        if (serving is null)
        {
            _shown.TryRemove(conversationId, out _);
            notice = new JsonObject { ["state"] = "left" };
        }
        else
        {
            _shown[conversationId] = serving;
            var agent = await accounts.FindAsync(serving, cancellationToken);
            notice = new JsonObject
            {
                ["state"] = "joined",
                ["name"] = agent?.DisplayName ?? handoff.AgentName(serving),
                ["department"] = availability.DepartmentNameOf(agent, view!.Routing, messages.CurrentValue.DutyTeam),
            };
        }

        await person.SendAsync(conversation.ChannelConversationId, conversation.UserId, EventName, notice.ToJsonString(), cancellationToken);
    }
}
