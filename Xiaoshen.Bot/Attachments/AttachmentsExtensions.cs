using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Attachments;

/// <summary>Registers the file store that Direct Line, the agent console and the channels delivering agents' files share.</summary>
internal static class AttachmentsExtensions
{
    // These settings lived under DirectLine before the store became its own feature. A deployment that still sets them
    // would quietly store files in the default folder and lose its limits, so it is refused with the new names.
    private static readonly string[] MovedFromDirectLine =
    [
        nameof(AttachmentsOptions.UploadPath), nameof(AttachmentsOptions.MaxUploadBytes), nameof(AttachmentsOptions.UploadTypes),
        nameof(AttachmentsOptions.AttachmentLinkMinutes), nameof(AttachmentsOptions.MaxUploadsPerConversation),
        nameof(AttachmentsOptions.MaxUploadBytesPerConversation), nameof(AttachmentsOptions.MaxUploadsPerAddressPerDay),
        nameof(AttachmentsOptions.MaxUploadBytesPerAddressPerDay), nameof(AttachmentsOptions.MaxUploadBytesPerDay),
    ];

    public static IHostApplicationBuilder AddAttachments(this IHostApplicationBuilder builder)
    {
        var severalNodes = builder.UsesRedis();
        var moved = MovedFromDirectLine.Where(key => builder.Configuration.GetSection("DirectLine:" + key).Exists()).ToList();
        builder.Services.AddOptions<AttachmentsOptions>()
            .BindConfiguration(AttachmentsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                _ => moved.Count == 0,
                "These settings moved from DirectLine to Attachments; rename them: "
                + string.Join(", ", moved.Select(key => $"DirectLine:{key} -> Attachments:{key}")) + ".")
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
