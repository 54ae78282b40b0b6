using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Attachments;

/// <summary>Registers the file store that Direct Line, the agent console and the channels delivering agents' files share.</summary>
internal static class AttachmentsExtensions
{
    public static IHostApplicationBuilder AddAttachments(this IHostApplicationBuilder builder)
    {
        var severalNodes = builder.UsesRedis();
        builder.Services.AddOptions<AttachmentsOptions>()
            .BindConfiguration(AttachmentsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => !severalNodes || Path.IsPathRooted(o.UploadPath),
                "Attachments:UploadPath is relative but Redis:Configuration is set: with several nodes a file a person sends to one node "
                + "must be readable on the others, and a folder beside each node's content is its own. Set Attachments:UploadPath on every "
                + "node to the absolute path of one shared folder (a mounted network volume).")
            .ValidateOnStart();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<UploadQuota>();
        builder.Services.AddSingleton<IRetentionTarget>(services => services.GetRequiredService<AttachmentStore>());
        builder.Services.AddSingleton<IAttachmentSource, StoredAttachmentSource>();
        return builder;
    }
}
