using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.PreReview.Ocr;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// Pre-reviews: started from the chat, photos read offline and matched to the matter's checklist, checked by the rules,
/// then confirmed, corrected or sent back by the department's staff, who are promised within working days; the person is
/// told in the channel they came from. Photos are kept under their own folder until their retention. Singleton.
/// </summary>
public sealed partial class PreReviewService(
    IServiceScopeFactory scopes,
    OcrEngine ocr,
    KnowledgeSearch search,
    HandoffAvailability availability,
    IEnumerable<IAttachmentSource> sources,
    ChannelDelivery delivery,
    ConversationStore conversations,
    IOptionsMonitor<PreReviewOptions> options,
    IOptionsMonitor<PreReviewMessages> messages,
    IOptions<KnowledgeOptions> knowledge,
    TimeProvider time,
    ILogger<PreReviewService> logger)
{
    /// <summary>Raised when a pre-review is submitted or reviewed, so consoles refresh.</summary>
    public event Action? Changed;

    /// <summary>The matters whose content has a pre-review checklist, in catalogue order.</summary>
    public IReadOnlyList<Matter> Matters =>
        search.Knowledge.Matters.Values.Where(m => m.PreReview is not null).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();

    public PreReviewChecklist? ChecklistOf(string? matterId) =>
        matterId is not null && search.Knowledge.Matters.TryGetValue(matterId, out var matter) ? matter.PreReview : null;

    public string MatterName(string matterId) => search.Knowledge.Matters.TryGetValue(matterId, out var m) ? m.Name : matterId;

    /// <summary>Starts collecting photos for <paramref name="matterId"/> (which must have a checklist).</summary>
    public async Task<PreReviewCase> StartAsync(Conversation conversation, string matterId, CancellationToken cancellationToken)
    {
        var department = availability.DepartmentFor(matterId);
        var started = PreReviewCase.Start(conversation.Id, conversation.Channel, conversation.UserId, matterId, department.Id, time.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        db.PreReviewCases.Add(started);
        await db.SaveChangesAsync(cancellationToken);
        LogStarted(started.Number, matterId, conversation.Id);
        return started;
    }

    public async Task<PreReviewCase?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.PreReviewCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    public async Task<List<PreReviewUpload>> UploadsAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.PreReviewUploads.AsNoTracking().Where(u => u.CaseId == caseId).OrderBy(u => u.Number).ToListAsync(cancellationToken);
    }

    /// <summary>The bytes of a file the person sent, from the channel that keeps it; null when no channel can read it.</summary>
    public async Task<byte[]?> ReadAsync(InboundAttachment file, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            if (await source.ReadAsync(file, options.CurrentValue.MaxImageBytes, cancellationToken) is { } content)
            {
                return content;
            }
        }

        return null;
    }

    /// <summary>Whether a channel keeps <paramref name="file"/>, so a failed read is worth sending again.</summary>
    public bool Keeps(InboundAttachment file) => sources.Any(s => s.Keeps(file));

    /// <summary>
    /// Reads one photo: OCR, the document it shows (by the checklist's keywords, preferring one not yet sent), a seal,
    /// the fields; keeps the file and what was read.
    /// </summary>
    public async Task<AddedPhoto> AddPhotoAsync(PreReviewCase preReview, byte[] content, InboundAttachment file, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var checklist = ChecklistOf(preReview.MatterId) ?? throw new InvalidOperationException($"Matter {preReview.MatterId} has no pre-review checklist.");
        var earlier = await UploadsAsync(preReview.Id, cancellationToken);
        var number = earlier.Count + 1;
        if (earlier.Count >= o.MaxUploadsPerCase)
        {
            return new AddedPhoto(PhotoOutcome.TooMany, number, null);
        }

        OcrResult read;
        double red;
        try
        {
            read = await ocr.ReadAsync(content, cancellationToken);
            red = SealDetector.RedShare(content, int.MaxValue);
        }
        catch (UnreadableImageException ex)
        {
            LogUnreadable(preReview.Number, number, ex.Message);
            return new AddedPhoto(PhotoOutcome.Unreadable, number, null);
        }

        var document = Recognise(read.Text, checklist, earlier.Select(u => u.Document).OfType<string>().ToHashSet());
        var fields = document is null ? [] : checklist.Find(document)!.Visible;
        var reading = FieldReader.Read(read, fields, red >= o.SealMinRedShare);
        var fileName = $"{number}{Extension(file.ContentType)}";
        var folder = Folder(preReview.Id);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, fileName), content, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        db.PreReviewUploads.Add(PreReviewUpload.Create(preReview.Id, number, document, fileName, file.ContentType, file.Name, file.Url, time.GetUtcNow(), read, reading));
        await db.SaveChangesAsync(cancellationToken);
        LogPhoto(preReview.Number, number, document is not null, read.Lines.Count);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogPhotoText(preReview.Number, number, PersonalData.Mask(read.Text));
        }

        return new AddedPhoto(document is null ? PhotoOutcome.Unrecognised : PhotoOutcome.Recognised, number, document);
    }

    /// <summary>The documents of the checklist no photo was recognised as yet (optional ones left out).</summary>
    public async Task<List<string>> MissingAsync(PreReviewCase preReview, CancellationToken cancellationToken)
    {
        var received = (await UploadsAsync(preReview.Id, cancellationToken)).Select(u => u.Document).ToHashSet();
        return ChecklistOf(preReview.MatterId)?.Documents.Where(d => !d.Optional && !received.Contains(d.Name)).Select(d => d.Name).ToList() ?? [];
    }

    /// <summary>
    /// Runs the checks and hands the result to the department, due within the configured working days; what was read is
    /// masked from then on.
    /// </summary>
    public async Task<PreReviewCase> SubmitAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var preReview = await db.PreReviewCases.FirstAsync(c => c.Id == caseId, cancellationToken);
        var uploads = await db.PreReviewUploads.Where(u => u.CaseId == caseId).OrderBy(u => u.Number).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var findings = PreReviewRules.Evaluate(
            ChecklistOf(preReview.MatterId)!,
            uploads.Select(u => new ReadUpload(u.Number, u.Document, u.Reading)).ToList(),
            DateOnly.FromDateTime(now.ToOffset(WorkingCalendar.Offset).DateTime));
        preReview.Submit(findings, now, Due(preReview.DepartmentId, now));
        uploads.ForEach(u => u.MaskPersonal());
        await db.SaveChangesAsync(cancellationToken);
        LogSubmitted(preReview.Number, preReview.DepartmentId, findings.Count(f => f.IsProblem));
        Changed?.Invoke();
        return preReview;
    }

    public async Task CancelAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        if (await db.PreReviewCases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) is { Status: PreReviewStatus.Collecting } preReview)
        {
            preReview.Cancel();
            (await db.PreReviewUploads.Where(u => u.CaseId == caseId).ToListAsync(cancellationToken)).ForEach(u => u.MaskPersonal());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Pre-reviews of the given departments (all when null): waiting ones first, oldest due first; reviewed ones when asked.</summary>
    public async Task<List<PreReviewCase>> QueueAsync(IReadOnlyCollection<string>? departmentIds, bool includeReviewed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var query = db.PreReviewCases.AsNoTracking().Where(c => c.Status != PreReviewStatus.Collecting && c.Status != PreReviewStatus.Cancelled);
        if (departmentIds is not null)
        {
            query = query.Where(c => departmentIds.Contains(c.DepartmentId));
        }

        if (!includeReviewed)
        {
            query = query.Where(c => c.Status == PreReviewStatus.Submitted);
        }

        var cases = await query.ToListAsync(cancellationToken);
        return cases.OrderBy(c => c.Status != PreReviewStatus.Submitted).ThenBy(c => c.DueAt).ToList();
    }

    /// <summary>
    /// Staff confirm, correct or send back a submitted pre-review; the person is told in their channel and the message is
    /// kept in the transcript. Two staff may press at the same moment (or on two nodes): only the review that still finds
    /// the case waiting is stored, so the case keeps one result and the person is told once; the other gets
    /// <see cref="ReviewOutcome.AlreadyReviewed"/> with the case as the colleague left it.
    /// </summary>
    public async Task<ReviewResult> ReviewAsync(Guid caseId, PreReviewStatus outcome, string humanAgentId, string? note, CancellationToken cancellationToken)
    {
        PreReviewCase preReview;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            var found = await db.PreReviewCases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
            if (found is null || outcome is not (PreReviewStatus.Confirmed or PreReviewStatus.Corrected or PreReviewStatus.Rejected)
                || (outcome != PreReviewStatus.Confirmed && string.IsNullOrWhiteSpace(note)))
            {
                return new ReviewResult(ReviewOutcome.Refused, found);
            }

            if (found.Status != PreReviewStatus.Submitted)
            {
                return new ReviewResult(ReviewOutcome.AlreadyReviewed, found);
            }

            found.Review(outcome, humanAgentId, note, time.GetUtcNow());

            // The values as every save stores them (the note masked and cut to its column), written only where the case
            // is still waiting: of two reviews at once, the database lets exactly one through.
            StoredText.Fit(db);
            var won = await db.PreReviewCases
                .Where(c => c.Id == caseId && c.Status == PreReviewStatus.Submitted)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.Status, found.Status)
                        .SetProperty(c => c.ReviewedBy, found.ReviewedBy)
                        .SetProperty(c => c.ReviewedAt, found.ReviewedAt)
                        .SetProperty(c => c.ReviewNote, found.ReviewNote),
                    cancellationToken) == 1;
            if (!won)
            {
                var first = await db.PreReviewCases.AsNoTracking().FirstAsync(c => c.Id == caseId, cancellationToken);
                LogLostRace(first.Number, humanAgentId, first.ReviewedBy);
                return new ReviewResult(ReviewOutcome.AlreadyReviewed, first);
            }

            preReview = found;
        }

        LogReviewed(preReview.Number, outcome, humanAgentId);
        Changed?.Invoke();
        if (await conversations.FindAsync(preReview.ConversationId, cancellationToken) is { } conversation)
        {
            var text = ReviewText(preReview);
            conversations.Append(conversation, Turn.FromBot(PersonalData.Mask(text), time.GetUtcNow(), "prereview", preReview.MatterId));
            conversations.Save(conversation);
            await delivery.DeliverAsync(conversation, [new OutboundReply(text) { IsMarkdown = false }], cancellationToken);
        }

        return new ReviewResult(ReviewOutcome.Reviewed, preReview);
    }

    /// <summary>
    /// The departments whose pre-reviews <paramref name="user"/> handles: an agent's, those their groups serve; a
    /// supervisor's, the departments they supervise (<see cref="AgentConsole.SupervisedDepartments"/>; all for an admin).
    /// </summary>
    public IReadOnlyCollection<string>? DepartmentsOf(System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.IsInRole(HumanAgent.SupervisorRole) || user.IsInRole(HumanAgent.AdminRole))
        {
            return AgentConsole.SupervisedDepartments.Of(user, availability);
        }

        var groups = user.FindAll(AgentConsole.HumanAgentAccounts.GroupClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return availability.Departments.Where(d => groups.Contains(d.AgentGroup)).Select(d => d.Id).ToList();
    }

    /// <summary>
    /// Deletes the photos of pre-reviews started more than <see cref="PreReviewOptions.ImageRetentionDays"/> ago (and the
    /// channel's copies), and masks what was read from photos never checked; returns how many photos went.
    /// </summary>
    public async Task<int> DeleteOldPhotosAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-options.CurrentValue.ImageRetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var old = await db.PreReviewCases.Where(c => c.PurgedAt == null && c.CreatedAt < cutoff).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var preReview in old)
        {
            var id = preReview.Id;
            foreach (var upload in await db.PreReviewUploads.Where(u => u.CaseId == id).ToListAsync(cancellationToken))
            {
                if (!upload.IsMasked)
                {
                    upload.MaskPersonal();
                }

                if (upload.SourceUrl is { } url)
                {
                    foreach (var source in sources)
                    {
                        await source.DeleteAsync(url, cancellationToken);
                    }
                }

                upload.PhotoDeleted();
                deleted++;
            }

            var folder = Folder(id);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            preReview.MarkPurged(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (old.Count > 0)
        {
            LogPurged(deleted, old.Count);
        }

        return deleted;
    }

    /// <summary>
    /// Deletes the pre-reviews closed more than <see cref="PreReviewOptions.CaseRetentionDays"/> ago, with their uploads:
    /// reviewed ones (counted from the review), cancelled ones and ones never sent (from the start). What was read from
    /// the photos (masked, but still names, addresses and dates) and the findings go with the rows; a pre-review still
    /// waiting for its department is kept. Only rows whose photos are already deleted go. Returns how many pre-reviews.
    /// </summary>
    public async Task<int> DeleteClosedCasesAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.CurrentValue.CaseRetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var closed = db.PreReviewCases.Where(c => c.Status != PreReviewStatus.Submitted && c.PurgedAt != null
            && (c.ReviewedAt == null ? c.CreatedAt < cutoff : c.ReviewedAt < cutoff));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PreReviewUploads.Where(u => closed.Any(c => c.Id == u.CaseId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await closed.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            LogCasesDeleted(deleted);
        }

        return deleted;
    }

    /// <summary>The kept photo of an upload, or null when it was deleted.</summary>
    public string? PhotoPath(PreReviewUpload upload) =>
        upload.FileName is { } name && File.Exists(Path.Combine(Folder(upload.CaseId), name)) ? Path.Combine(Folder(upload.CaseId), name) : null;

    /// <summary>A finding in words, citing the document and the photo.</summary>
    public string Describe(PreReviewFinding finding) => ConversationMessages.Fill(
        messages.CurrentValue.Findings.GetValueOrDefault(finding.Kind.ToString(), finding.Kind.ToString()),
        ("Document", finding.Document),
        ("Upload", finding.Upload?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Field", finding.Field),
        ("Value", finding.Value),
        ("OtherDocument", finding.OtherDocument),
        ("OtherField", finding.OtherField),
        ("OtherValue", finding.OtherValue));

    /// <summary>The result as told to the person: the number, each finding, who confirms by when, and that it is not acceptance.</summary>
    public string ResultText(PreReviewCase preReview)
    {
        var m = messages.CurrentValue;
        var lines = new List<string> { ConversationMessages.Fill(m.ResultHeader, ("Number", preReview.Number)) };
        lines.AddRange(preReview.Findings.Select(f => "· " + Describe(f)));
        lines.Add(ConversationMessages.Fill(m.ReviewPromise, ("Department", DepartmentName(preReview)), ("Due", availability.MomentText(preReview.DueAt!.Value))));
        lines.Add(m.NotAcceptance);
        return string.Join('\n', lines);
    }

    public string DepartmentName(PreReviewCase preReview) => availability.FindDepartment(preReview.DepartmentId)?.Name ?? preReview.DepartmentId;

    // The close of the department's office on the Nth working day after today (today's remaining hours do not count).
    private DateTimeOffset Due(string departmentId, DateTimeOffset now)
    {
        var end = availability.EndOfWorkingDays(now, options.CurrentValue.ReviewWorkingDays);
        var day = DateOnly.FromDateTime(end.ToOffset(WorkingCalendar.Offset).DateTime).AddDays(-1);
        var department = availability.FindDepartment(departmentId) ?? availability.DepartmentFor(null);
        var periods = new WorkingCalendar(search.Knowledge.Calendar).PeriodsOn(department, day);
        return periods.Count > 0 ? new DateTimeOffset(day.ToDateTime(periods.Max(p => p.End)), WorkingCalendar.Offset) : end;
    }

    private string ReviewText(PreReviewCase preReview)
    {
        var m = messages.CurrentValue;
        var template = preReview.Status switch
        {
            PreReviewStatus.Confirmed => m.ReviewConfirmed,
            PreReviewStatus.Corrected => m.ReviewCorrected,
            _ => m.ReviewRejected,
        };
        var note = preReview.ReviewNote is { } n ? ConversationMessages.Fill(m.NoteLine, ("Note", n)) : string.Empty;
        return ConversationMessages.Fill(template, ("Number", preReview.Number), ("Department", DepartmentName(preReview)), ("Note", note)) + "\n" + m.NotAcceptance;
    }

    // The document whose printed words appear most (longer words weigh more); of equals, one not sent yet.
    internal static string? Recognise(string text, PreReviewChecklist checklist, IReadOnlySet<string> received)
    {
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return checklist.Documents
            .Select(d => (d.Name, Score: d.Keywords.Where(k => compact.Contains(k, StringComparison.Ordinal)).Sum(k => k.Length)))
            .Where(d => d.Score > 0)
            .OrderByDescending(d => d.Score)
            .ThenBy(d => received.Contains(d.Name))
            .Select(d => d.Name)
            .FirstOrDefault();
    }

    private string Folder(Guid caseId) => Path.Combine(WorkspacePaths.BesideContent(knowledge.Value, options.CurrentValue.StoragePath), caseId.ToString("N"));

    private static string Extension(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        "image/bmp" => ".bmp",
        _ => ".jpg",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-review {Number} started for {MatterId} in conversation {ConversationId}")]
    private partial void LogStarted(string number, string matterId, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-review {Number}: photo {Photo} read ({Recognised}), {Lines} lines")]
    private partial void LogPhoto(string number, int photo, bool recognised, int lines);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pre-review {Number}: photo {Photo} text (masked): {Text}")]
    private partial void LogPhotoText(string number, int photo, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pre-review {Number}: photo {Photo} could not be read: {Reason}")]
    private partial void LogUnreadable(string number, int photo, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-review {Number} submitted to {DepartmentId} with {Problems} problems found")]
    private partial void LogSubmitted(string number, string departmentId, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-review {Number} {Outcome} by {HumanAgentId}")]
    private partial void LogReviewed(string number, PreReviewStatus outcome, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-review {Number}: the review of {HumanAgentId} came after {ReviewedBy}'s and was not stored")]
    private partial void LogLostRace(string number, string humanAgentId, string? reviewedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Cases} closed pre-reviews deleted with what was read from their photos")]
    private partial void LogCasesDeleted(int cases);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Photos} photos of {Cases} pre-reviews deleted")]
    private partial void LogPurged(int photos, int cases);
}
