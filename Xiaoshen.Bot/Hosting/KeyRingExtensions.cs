using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// Keeps the Data Protection key ring in the data folder, so console sign-ins and antiforgery tokens survive a restart
/// and a new release (the default is the user's home folder, which a container loses, and an application name taken
/// from the install folder, which a new release changes).
/// </summary>
internal static class KeyRingExtensions
{
    public const string ApplicationName = "Xiaoshen";

    public static IHostApplicationBuilder AddKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<KnowledgeOptions>, IOptions<KeyRingOptions>, ILoggerFactory>((keys, knowledge, ring, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(PrivateFiles.Folder(WorkspacePaths.BesideContent(knowledge.Value, ring.Value.KeysPath)), loggers));
        return builder;
    }
}
