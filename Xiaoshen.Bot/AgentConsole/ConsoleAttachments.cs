using Xiaoshen.Bot.Attachments;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// What the console and the agent API show of a turn's files (issue 11, item 14). A person's client chooses the URL of
/// each attachment: a <c>javascript:</c> link or an outside image would run or be fetched in the agent's browser. So only
/// Xiaoshen's own files become links: uploads behind a link this service signed, and files the console stored for an
/// agent. Every link is signed afresh and relative, so it always points here. Anything else is text. Singleton.
/// </summary>
public sealed class ConsoleAttachments(AttachmentStore files)
{
    public IReadOnlyList<ShownAttachment> Of(Guid conversationId, Turn turn) => turn.Attachments.Select(f => Show(conversationId, f)).ToList();

    public ShownAttachment Show(Guid conversationId, TurnAttachment file)
    {
        // A key is a name the console gave a file it stored in the conversation's folder (the store refuses odd names).
        var own = file.Key is { } key ? (conversationId.ToString("N"), key) : files.ReadOwnLink(file.Url);
        return own is (string folder, string name)
            ? new ShownAttachment(file.Name, file.ContentType, files.Link(string.Empty, folder, name), null, file.Transcript)
            : new ShownAttachment(file.Name, file.ContentType, null, file.Url ?? string.Empty, file.Transcript);
    }
}
