using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// 材料预审 in the chat: the person asks (or presses the button under a matter's answer), is told what to photograph,
/// sends the photos, and gets the findings as soon as the last document is in (or when they say so), with the promise
/// of the department's confirmation and the reminder that pre-review is not acceptance. Scoped.
/// </summary>
public sealed class PreReviewDialog(
    PreReviewService service,
    KnowledgeSearch search,
    ConversationStore store,
    IOptionsMonitor<PreReviewOptions> options,
    IOptionsMonitor<PreReviewMessages> messages,
    IOptionsMonitor<ConversationMessages> conversationMessages)
{
    private const int MattersOffered = 5;

    private PreReviewMessages M => messages.CurrentValue;

    /// <summary>The button under an answer about <paramref name="matterId"/>, when it can be pre-reviewed.</summary>
    public IReadOnlyList<ReplyAction> Offers(string? matterId) =>
        service.ChecklistOf(matterId) is null ? [] : [Send(M.StartButton)];

    /// <summary>The replies when this turn belongs to a pre-review; null when it does not (the turn is answered as usual).</summary>
    public async Task<List<OutboundReply>?> TakeAsync(PreReviewTurn turn, CancellationToken cancellationToken)
    {
        var state = turn.State.PreReview;
        var text = turn.Text;
        if (state?.CaseId is { } caseId)
        {
            return await CollectingAsync(turn, caseId, cancellationToken);
        }

        if (state is { Offered.Count: > 0 })
        {
            turn.State.PreReview = null;
            var chosen = state.Offered.FirstOrDefault(id => service.MatterName(id) == text);
            if (chosen is not null)
            {
                return await StartAsync(turn, chosen, cancellationToken);
            }
        }

        if (!IsStart(text))
        {
            return null;
        }

        var named = await NamedMattersAsync(text, cancellationToken);
        if (named.Count == 0 && service.ChecklistOf(turn.State.CurrentMatterId) is not null)
        {
            named = [turn.State.CurrentMatterId!];
        }

        if (named.Count == 1)
        {
            return await StartAsync(turn, named[0], cancellationToken);
        }

        User(turn);
        var offered = named.Count > 0 ? named : service.Matters.Select(m => m.Id).ToList();
        turn.State.PreReview = new PreReviewDialogState { Offered = offered };
        return Say(turn, M.ChooseMatter, offered.Select(id => Send(service.MatterName(id))).ToList());
    }

    private async Task<List<OutboundReply>> StartAsync(PreReviewTurn turn, string matterId, CancellationToken cancellationToken)
    {
        User(turn);
        var checklist = service.ChecklistOf(matterId)!;
        var started = await service.StartAsync(turn.Conversation, matterId, cancellationToken);
        turn.State.PreReview = new PreReviewDialogState { CaseId = started.Id };
        turn.State.CurrentMatterId = matterId;
        var separator = conversationMessages.CurrentValue.ListSeparator;
        var documents = checklist.Documents.Select((d, i) => ConversationMessages.Fill(
            M.DocumentLine,
            ("Number", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Document", d.Name),
            ("Optional", d.Optional ? M.OptionalMark : string.Empty),
            ("Fields", string.Join(separator, d.Visible.Select(f => PreReviewChecklist.FieldTitles[f]))),
            ("Photo", d.Photo is null ? string.Empty : ConversationMessages.Fill(M.PhotoHint, ("Photo", d.Photo)))));
        var text = ConversationMessages.Fill(
            M.Start,
            ("Matter", service.MatterName(matterId)),
            ("Documents", string.Join('\n', documents)),
            ("Notice", checklist.Notice is { } notice ? notice + "\n" : string.Empty)) + "\n" + M.NotAcceptance;
        return Say(turn, text, [Send(M.SubmitButton), Send(M.CancelButton)]);
    }

    private async Task<List<OutboundReply>?> CollectingAsync(PreReviewTurn turn, Guid caseId, CancellationToken cancellationToken)
    {
        var text = turn.Text;
        var o = options.CurrentValue;
        var preReview = await service.FindAsync(caseId, cancellationToken);
        if (preReview is not { Status: PreReviewStatus.Collecting })
        {
            turn.State.PreReview = null;
            return null;
        }

        if (o.CancelWords.Contains(text) || text == M.CancelButton)
        {
            User(turn);
            await service.CancelAsync(caseId, cancellationToken);
            turn.State.PreReview = null;
            return Say(turn, M.Cancelled);
        }

        if (turn.Message.Attachments.Count > 0)
        {
            return await PhotosAsync(turn, preReview, cancellationToken);
        }

        if (o.SubmitWords.Contains(text) || text == M.SubmitButton)
        {
            User(turn);
            if ((await service.UploadsAsync(caseId, cancellationToken)).Count == 0)
            {
                return Say(turn, M.NothingYet, [Send(M.CancelButton)]);
            }

            return await SubmitAsync(turn, caseId, cancellationToken);
        }

        // Anything else is a question like any other; the photos sent so far wait.
        return null;
    }

    private async Task<List<OutboundReply>> PhotosAsync(PreReviewTurn turn, PreReviewCase preReview, CancellationToken cancellationToken)
    {
        User(turn);
        var lines = new List<string>();
        foreach (var file in turn.Message.Attachments)
        {
            var isImage = file.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
            var content = isImage ? await service.ReadAsync(file, cancellationToken) : null;
            if (content is null)
            {
                // A photo the channel keeps but could not hand over (WeChat's media API down, too large) is asked for again.
                var answer = !isImage ? M.Unreadable : service.Keeps(file) ? M.NotReceived : M.ChannelCannotRead;
                lines.Add(ConversationMessages.Fill(answer, ("Name", file.Name ?? string.Empty)));
                continue;
            }

            var added = await service.AddPhotoAsync(preReview, content, file, cancellationToken);
            var number = ("Number", (string?)added.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            lines.Add(added.Outcome switch
            {
                PhotoOutcome.Recognised => ConversationMessages.Fill(M.Received, number, ("Document", added.Document)),
                PhotoOutcome.Unrecognised => ConversationMessages.Fill(M.ReceivedUnrecognised, number),
                PhotoOutcome.Unreadable => ConversationMessages.Fill(M.Unreadable, ("Name", file.Name ?? string.Empty)),
                _ => ConversationMessages.Fill(M.TooMany, ("Limit", options.CurrentValue.MaxUploadsPerCase.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            });
        }

        // The last document in: the findings at once.
        var missing = await service.MissingAsync(preReview, cancellationToken);
        if (missing.Count == 0)
        {
            var replies = Say(turn, string.Join('\n', lines));
            replies.AddRange(await SubmitAsync(turn, preReview.Id, cancellationToken));
            return replies;
        }

        lines.Add(ConversationMessages.Fill(M.StillMissing, ("Documents", string.Join(conversationMessages.CurrentValue.ListSeparator, missing))));
        return Say(turn, string.Join('\n', lines), [Send(M.SubmitButton), Send(M.CancelButton)]);
    }

    private async Task<List<OutboundReply>> SubmitAsync(PreReviewTurn turn, Guid caseId, CancellationToken cancellationToken)
    {
        var submitted = await service.SubmitAsync(caseId, cancellationToken);
        turn.State.PreReview = null;
        return Say(turn, service.ResultText(submitted));
    }

    // The matters with a checklist the message names (食品经营许可证延续的材料帮我看看 → one; 食品经营许可 → new, change,
    // renewal); the asking words are left out of the search, so they do not find the matter that explains pre-review.
    private async Task<List<string>> NamedMattersAsync(string text, CancellationToken cancellationToken)
    {
        var named = options.CurrentValue.StartPhrases.Aggregate(text, (t, p) => t.Replace(p, " ", StringComparison.Ordinal)).Trim();
        if (named.Length == 0 || text == M.StartButton)
        {
            return [];
        }

        var answer = await search.AskAsync(named, new SearchRequest(), cancellationToken);
        var ids = answer.Decision == Decision.Answer && answer.Matter is { } matter ? [matter.Id] : answer.Matters.Select(h => h.MatterId);
        return ids.Where(id => service.ChecklistOf(id) is not null).Distinct().Take(MattersOffered).ToList();
    }

    private bool IsStart(string text) =>
        text.Length > 0 && (text == M.StartButton || options.CurrentValue.StartPhrases.Any(p => text.Contains(p, StringComparison.Ordinal)));

    private void User(PreReviewTurn turn) => store.Append(turn.Conversation, Turn.FromUser(
        PersonalData.Mask(turn.Text),
        turn.Now,
        turn.Message.Attachments.Select(a => new TurnAttachment(a.ContentType, a.Name ?? string.Empty, null, a.Url)).ToList()));

    private List<OutboundReply> Say(PreReviewTurn turn, string text, IReadOnlyList<ReplyAction>? actions = null)
    {
        store.Append(turn.Conversation, Turn.FromBot(PersonalData.Mask(text), turn.Now, "prereview", turn.State.CurrentMatterId));
        return [new OutboundReply(text) { IsMarkdown = false, SuggestedActions = actions ?? [] }];
    }

    private static ReplyAction Send(string text) => new(text, ReplyActionKind.SendText, text);
}
