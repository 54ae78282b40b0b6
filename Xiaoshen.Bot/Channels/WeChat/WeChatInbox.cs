using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Receives pushes exactly once. WeChat re-sends a push it got no answer to within 5 s (three times), so a push is
/// remembered by its MsgId (or sender and time for events) and a retry shares the first delivery's turn instead of
/// running another. Whichever request is waiting when the answer is ready within the passive-reply deadline answers
/// passively; otherwise the answer goes through the message API. Either way the person gets it once. After the retries,
/// <see cref="WeChatReplayGuard"/> remembers the push for a day: played again, it is acknowledged without a turn. Singleton.
/// </summary>
public sealed class WeChatInbox(
    WeChatConversations conversations,
    WeChatChannelAdapter adapter,
    WeChatReplayGuard replays,
    IOptionsMonitor<WeChatOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<WeChatInbox> logger)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(10);

    // WeChat's retries come within 15 s; answers are kept a while longer for them, then only the push's key is remembered.
    private static readonly TimeSpan AnswersKept = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Delivery> _deliveries = new(StringComparer.Ordinal);
    private DateTimeOffset _pruned;

    /// <summary>The text to answer passively, or null to answer with the acknowledgement only.</summary>
    public async Task<string?> ReceiveAsync(WeChatApp app, WeChatPush push)
    {
        var now = time.GetUtcNow();
        Prune(now);
        var fresh = new Delivery(now);
        var key = $"{app.Channel}/{app.Name}/{push.DeduplicationKey}";
        var delivery = _deliveries.GetOrAdd(key, fresh);
        if (ReferenceEquals(delivery, fresh) && !replays.IsFirstSeen(key))
        {
            // Taken before and its answer long sent: played again, not retried.
            _deliveries.TryRemove(new KeyValuePair<string, Delivery>(key, fresh));
            WeChatLog.ReplayedPush(logger, app.Channel, app.Name);
            return null;
        }

        if (ReferenceEquals(delivery, fresh))
        {
            // Not the request's token: the turn goes on (and is delivered later) when WeChat hangs up at 5 s.
            fresh.Start(conversations.HandleAsync(app, push, lifetime.ApplicationStopping));
        }
        else
        {
            WeChatLog.DuplicatePush(logger, app.Channel, app.Name);
        }

        if (await WaitForDeadlineAsync(delivery.Work) && delivery.Work.IsCompletedSuccessfully)
        {
            var rendering = delivery.Work.Result;
            if (rendering.Texts.Count > 0 && delivery.TryClaim(Delivery.Passive))
            {
                // A passive reply holds one text; anything more follows through the message API.
                var rest = rendering with { Texts = rendering.Texts.Skip(1).ToList() };
                if (!rest.IsEmpty)
                {
                    _ = SendLaterAsync(app, push.FromUser!, Task.FromResult(rest));
                }

                return rendering.Texts[0];
            }

            // A retry of a push answered passively: that answer never reached WeChat, so give it again.
            if (delivery.ClaimedBy == Delivery.Passive)
            {
                return rendering.Texts[0];
            }
        }

        if (delivery.TryArrangeLaterSend())
        {
            _ = SendLaterAsync(app, push.FromUser, delivery);
        }

        return null;
    }

    /// <summary>Waits for the work until the passive-reply deadline; false when passive replies are off (a deadline of 0).</summary>
    private async Task<bool> WaitForDeadlineAsync(Task work)
    {
        var deadline = options.CurrentValue.PassiveReplyMilliseconds;
        if (deadline <= 0)
        {
            return false;
        }

        using var cancel = new CancellationTokenSource();
        await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(deadline), time, cancel.Token));
        await cancel.CancelAsync();
        return true;
    }

    private async Task SendLaterAsync(WeChatApp app, string? user, Delivery delivery)
    {
        try
        {
            var rendering = await delivery.Work;
            if (user is not null && !rendering.IsEmpty && delivery.TryClaim(Delivery.Later))
            {
                await adapter.SendAsync(app, user, rendering, lifetime.ApplicationStopping);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WeChatLog.PushFailed(logger, app.Channel, app.Name, ex);
        }
    }

    private async Task SendLaterAsync(WeChatApp app, string user, Task<WeChatRendering> rest)
    {
        try
        {
            await adapter.SendAsync(app, user, await rest, lifetime.ApplicationStopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WeChatLog.PushFailed(logger, app.Channel, app.Name, ex);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (now - _pruned < PruneEvery)
        {
            return;
        }

        _pruned = now;
        foreach (var (key, delivery) in _deliveries)
        {
            if (delivery.Work.IsCompleted && now - delivery.ReceivedAt > AnswersKept)
            {
                _deliveries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>One push and its answer, shared by WeChat's retries of it.</summary>
    private sealed class Delivery(DateTimeOffset receivedAt)
    {
        public const int Passive = 1;
        public const int Later = 2;

        private readonly TaskCompletionSource<WeChatRendering> _work = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimedBy;
        private int _laterArranged;

        public DateTimeOffset ReceivedAt { get; } = receivedAt;

        public Task<WeChatRendering> Work => _work.Task;

        public int ClaimedBy => Volatile.Read(ref _claimedBy);

        public void Start(Task<WeChatRendering> work) => work.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    _work.TrySetResult(t.Result);
                }
                else
                {
                    _work.TrySetException(t.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        /// <summary>Takes the answer for one way of delivering it; false when the other way already has it.</summary>
        public bool TryClaim(int how) => Interlocked.CompareExchange(ref _claimedBy, how, 0) == 0;

        /// <summary>True for the first request that gives up waiting: only one later send per push.</summary>
        public bool TryArrangeLaterSend() => Interlocked.Exchange(ref _laterArranged, 1) == 0;
    }
}
