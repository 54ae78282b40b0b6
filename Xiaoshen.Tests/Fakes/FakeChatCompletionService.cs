using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Xiaoshen.Tests.Fakes;

/// <summary>The LLM endpoint, faked at the process edge: records every prompt and answers as told.</summary>
public sealed class FakeChatCompletionService(Func<ChatHistory, CancellationToken, Task<string>> reply) : IChatCompletionService
{
    public List<ChatHistory> Prompts { get; } = [];

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        lock (Prompts)
        {
            Prompts.Add(chatHistory);
        }

        var text = await reply(chatHistory, cancellationToken);
        return [new ChatMessageContent(AuthorRole.Assistant, text)];
    }

    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Xiaoshen does not stream.");
}
