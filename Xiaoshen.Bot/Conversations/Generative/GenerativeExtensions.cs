using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Xiaoshen.Bot.Conversations.Generative;

/// <summary>Registers the optional LLM layer: a Kernel with Xiaoshen's plugins, and an OpenAI-compatible chat service when configured.</summary>
internal static class GenerativeExtensions
{
    public static IHostApplicationBuilder AddGenerative(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "Llm:Endpoint must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KnowledgePlugin>();

        var options = builder.Configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        if (options.IsConfigured)
        {
            builder.Services.AddOpenAIChatCompletion(options.Model!, new Uri(options.Endpoint!), options.ApiKey);
        }

        // The kernel exists only when a chat service does (configured above, or a fake in tests).
        builder.Services.AddSingleton(services => services.GetService<IChatCompletionService>() is null
            ? new GenerativeAnswerer(null, services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<LlmOptions>>(), services.GetRequiredService<ILogger<GenerativeAnswerer>>())
            : new GenerativeAnswerer(CreateKernel(services), services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<LlmOptions>>(), services.GetRequiredService<ILogger<GenerativeAnswerer>>()));
        return builder;
    }

    private static Kernel CreateKernel(IServiceProvider services)
    {
        var plugins = new KernelPluginCollection();
        plugins.AddFromObject(services.GetRequiredService<KnowledgePlugin>(), "xiaoshen");
        return new Kernel(services, plugins);
    }
}
