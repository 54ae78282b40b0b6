using Microsoft.Bot.Builder;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>Conversation state keyed by the stored channel id (<see cref="BotChannels.Of"/>), not the one the activity claims.</summary>
public sealed class BotConversationState(IStorage storage) : ConversationState(storage)
{
    protected override string GetStorageKey(ITurnContext turnContext) =>
        $"{BotChannels.Of(turnContext)}/conversations/{turnContext.Activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation id.")}";
}
