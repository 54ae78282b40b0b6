using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Conversations.Generative;

/// <summary>
/// An optional OpenAI-compatible chat endpoint (Qwen, DeepSeek, GLM, vLLM, Ollama…). Without <see cref="Endpoint"/>
/// nothing of the LLM layer runs. Bound from <c>Llm</c>; keep the key in user-secrets or environment variables.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1; empty disables the LLM.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>After this, the extractive answer is sent instead.</summary>
    [Range(0.1, 60)]
    public double TimeoutSeconds { get; set; } = 3;

    /// <summary>The instructions: answer from the passages only, cite the matter as [matter-id]. Placeholders: {MatterId}, {MatterName}.</summary>
    [Required]
    public string SystemPrompt { get; set; } = string.Empty;

    /// <summary>The user message: {Passages}, {Question}.</summary>
    [Required]
    public string UserPrompt { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
