using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Conversations.Generative;

/// <summary>
/// Composes the answer text with the configured LLM from the retrieved passages only (the chosen FAQ or section and the
/// matter's other sections), personal data masked in the prompt. Returns null — and the extractive answer is used —
/// when no LLM is configured, on timeout or error, or when the reply does not cite the matter.
/// </summary>
public sealed partial class GenerativeAnswerer(Kernel? kernel, IOptionsMonitor<LlmOptions> options, ILogger<GenerativeAnswerer> logger)
{
    public bool IsEnabled => kernel is not null;

    public async Task<string?> TryComposeAsync(string question, KnowledgeAnswer answer, CancellationToken cancellationToken)
    {
        if (kernel is null || answer.Matter is not { } matter)
        {
            return null;
        }

        var o = options.CurrentValue;
        var citation = $"[{matter.Id}]";
        var history = new ChatHistory();
        history.AddSystemMessage(ConversationMessages.Fill(o.SystemPrompt, ("MatterId", matter.Id), ("MatterName", matter.Name)));
        history.AddUserMessage(ConversationMessages.Fill(o.UserPrompt, ("Passages", Passages(matter, answer)), ("Question", PersonalData.Mask(question))));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        try
        {
            var chat = kernel.GetRequiredService<IChatCompletionService>();
            var reply = await chat.GetChatMessageContentAsync(history, kernel: kernel, cancellationToken: timeout.Token);
            var text = reply.Content?.Trim();
            if (string.IsNullOrEmpty(text) || !text.Contains(citation, StringComparison.Ordinal))
            {
                LogUncited(matter.Id);
                return null;
            }

            return text.Replace(citation, string.Empty, StringComparison.Ordinal).Trim();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(o.TimeoutSeconds);
            return null;
        }
        catch (Exception ex) when (ex is HttpOperationException or KernelException or HttpRequestException or InvalidOperationException)
        {
            LogFailed(ex);
            return null;
        }
    }

    // The passages are the chosen content first, then the matter's sections: the model may use nothing else.
    private static string Passages(Matter matter, KnowledgeAnswer answer)
    {
        var builder = new StringBuilder();
        if (answer.Faq is { } faq)
        {
            builder.Append("## ").AppendLine(faq.Question).AppendLine(faq.Answer).AppendLine();
        }

        foreach (var section in matter.Sections.Values)
        {
            builder.Append("## ").AppendLine(section.Title).AppendLine(section.Markdown).AppendLine();
        }

        return PersonalData.Mask(builder.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM did not answer within {TimeoutSeconds} s; sent the extractive answer")]
    private partial void LogTimeout(double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call failed; sent the extractive answer")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM reply did not cite matter {MatterId}; sent the extractive answer")]
    private partial void LogUncited(string matterId);
}
