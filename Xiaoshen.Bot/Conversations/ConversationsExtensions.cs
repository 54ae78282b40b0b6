using Xiaoshen.Bot.Conversations.Generative;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Conversations;

/// <summary>Registers the channel-neutral conversation: turn processing, answers, entities, the optional LLM.</summary>
internal static class ConversationsExtensions
{
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConversationMessages>()
            .BindConfiguration(ConversationMessages.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ConversationOptions>()
            .BindConfiguration(ConversationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<EntityRecognizer>();
        builder.Services.AddSingleton<AnswerComposer>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddScoped<TurnProcessor>();
        builder.AddGenerative();
        return builder;
    }
}
