using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// An editor's three choices for a group of unanswered questions: attach the wording to a matter's FAQ, mark it out of
/// scope, or ignore it. Files are changed by <see cref="ContentEditor"/> (the content watcher rebuilds as for any edit);
/// every choice, written or refused, is recorded as a <see cref="ContentEdit"/>. Wordings are masked of personal
/// numbers before they reach the content.
/// </summary>
internal sealed partial class KnowledgeEditing(
    IServiceScopeFactory scopes,
    IOptions<KnowledgeOptions> knowledge,
    KnowledgeSearch search,
    TimeProvider timeProvider,
    ILogger<KnowledgeEditing> logger)
{
    private string ContentPath => knowledge.Value.ContentPath;

    public ContentFileView? ReadMatter(string matterId) => ContentEditor.ReadMatter(ContentPath, matterId);

    public ContentFileView? ReadOutOfScope() => ContentEditor.ReadOutOfScope(ContentPath);

    public Task<ContentEdit> AttachAsync(string humanAgentId, IEnumerable<string> covers, string matterId, int faqNumber, string wording, string version, CancellationToken cancellationToken)
    {
        var result = ContentEditor.AddPhrasing(ContentPath, matterId, faqNumber, PersonalData.Mask(wording), version);
        return RecordAsync(humanAgentId, ContentEditAction.Attach, covers, wording, result, cancellationToken, matterId: matterId, faqNumber: faqNumber);
    }

    public Task<ContentEdit> MarkOutOfScopeAsync(string humanAgentId, IEnumerable<string> covers, string topic, string wording, string version, CancellationToken cancellationToken)
    {
        var result = ContentEditor.AddOutOfScope(ContentPath, PersonalData.Mask(topic), PersonalData.Mask(wording), version);
        return RecordAsync(humanAgentId, ContentEditAction.OutOfScope, covers, wording, result, cancellationToken, topic: topic);
    }

    public async Task<ContentEdit> IgnoreAsync(string humanAgentId, IEnumerable<string> covers, string wording, CancellationToken cancellationToken)
    {
        var edit = ContentEdit.Record(humanAgentId, timeProvider.GetUtcNow(), ContentEditAction.Ignore, wording, covers, ContentEdit.IgnoredOutcome, BuildId());
        await SaveAsync(edit, cancellationToken);
        return edit;
    }

    public async Task<IReadOnlyList<ContentEdit>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.ContentEdits.AsNoTracking().OrderByDescending(e => e.At).Take(count).ToListAsync(cancellationToken);
    }

    private async Task<ContentEdit> RecordAsync(
        string humanAgentId, ContentEditAction action, IEnumerable<string> covers, string wording, ContentEditResult result, CancellationToken cancellationToken,
        string? matterId = null, int? faqNumber = null, string? topic = null)
    {
        var outcome = result.Failure is { } failure ? failure.ToString() : ContentEdit.WrittenOutcome;
        var edit = ContentEdit.Record(
            humanAgentId, timeProvider.GetUtcNow(), action, result.Phrasing ?? wording, covers, outcome, BuildId(), matterId, faqNumber, topic, result.File);
        if (result.Succeeded)
        {
            LogWritten(humanAgentId, action, result.File);
        }
        else
        {
            LogRefused(humanAgentId, action, result.File, outcome);
        }

        await SaveAsync(edit, cancellationToken);
        return edit;
    }

    private async Task SaveAsync(ContentEdit edit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        db.ContentEdits.Add(edit);
        await db.SaveChangesAsync(cancellationToken);
    }

    private string? BuildId() => search.IsReady ? search.Build.Id : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Editor {HumanAgentId} made a {Action} edit of {File}")]
    private partial void LogWritten(string humanAgentId, ContentEditAction action, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Editor {HumanAgentId}'s {Action} edit of {File} was refused: {Outcome}")]
    private partial void LogRefused(string humanAgentId, ContentEditAction action, string file, string outcome);
}
