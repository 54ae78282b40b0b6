using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge;

/// <summary>Registers the knowledge engine.</summary>
public static class KnowledgeExtensions
{
    /// <summary>
    /// Adds <see cref="KnowledgeSearch"/>, <see cref="KnowledgeIndexer"/> and the background service that builds the index at
    /// start and rebuilds it when the content folder changes. Fails at start when the content folder is missing or the
    /// index folder cannot be written.
    /// </summary>
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Directory.Exists(o.ContentPath), "Knowledge:ContentPath must be an existing folder: set Knowledge__ContentPath to the knowledge-base folder (a relative path is looked up from the current folder upwards, then from the program's folder upwards)")
            .Validate(o => IsWritable(o.IndexPath), "Knowledge:IndexPath must be a folder that can be created and written.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KnowledgeSearch>();
        builder.Services.AddSingleton<KnowledgeIndexer>();
        builder.Services.AddHostedService<IndexRefreshService>();
        return builder;
    }

    private static bool IsWritable(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
