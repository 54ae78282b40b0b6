using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>
/// Video and voice calls from an agent's console to the person they serve in the web chat (issue 15). The browsers
/// connect by WebRTC; Xiaoshen relays their signalling: Direct Line events to and from the person's web chat, the
/// console's own circuit for the agent (<c>toAgent</c>). A call is one at a time per conversation, rings for
/// <see cref="CallOptions.RingSeconds"/>, and ends when either side hangs up, a browser fails, the agent's console goes,
/// or the human service ends; then the transcript records that it took place and how long it lasted, and the person is
/// told. Only our own web chat can take a call. Calls live in this node's memory. Singleton, thread-safe.
/// </summary>
public sealed partial class CallService(
    HandoffBoard handoff,
    HandoffAvailability availability,
    ConversationStore conversations,
    ChannelDelivery delivery,
    DirectLineEventSender person,
    IceServers iceServers,
    IOptionsMonitor<CallOptions> options,
    IOptionsMonitor<HandoffMessages> handoffMessages,
    TimeProvider time,
    ILogger<CallService> logger) : IDisposable
{
    /// <summary>The Direct Line event that carries a call's signalling both ways.</summary>
    public const string EventName = "xiaoshen.call";

    /// <summary>What the agent's browser sends.</summary>
    private static readonly string[] FromAgent = [CallSignal.Offer, CallSignal.Ice, CallSignal.Connected, CallSignal.Hangup, CallSignal.Failed];

    /// <summary>What the person's browser sends.</summary>
    private static readonly string[] FromPerson = [CallSignal.Accept, CallSignal.Decline, CallSignal.Answer, CallSignal.Ice, CallSignal.Connected, CallSignal.MediaSwitch, CallSignal.Hangup, CallSignal.Failed];

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Live> _calls = [];

    private CallOptions Options => options.CurrentValue;

    /// <summary>The call of the conversation that is ringing or under way, if any.</summary>
    public Call? Active(Guid conversationId)
    {
        lock (_gate)
        {
            return _calls.Values.FirstOrDefault(l => l.Call.ConversationId == conversationId)?.Call;
        }
    }

    /// <summary>
    /// Invites the person of a conversation <paramref name="agent"/> serves to a call; what the person's browser sends
    /// then goes to <paramref name="toAgent"/> (JSON text), until the call ends.
    /// </summary>
    public async Task<(CallProblem Problem, CallStart? Start)> StartAsync(Guid conversationId, HumanAgent agent, bool video, Func<string, Task> toAgent, CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return (CallProblem.Disabled, null);
        }

        if (await handoff.FindAsync(conversationId, cancellationToken) is not { } view)
        {
            return (CallProblem.NotFound, null);
        }

        if (view.Status != ConversationStatus.WithHuman || view.HumanAgentId != agent.Id)
        {
            return (CallProblem.NotYours, null);
        }

        if (!IsCallable(view.Channel))
        {
            return (CallProblem.ChannelUnsupported, null);
        }

        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return (CallProblem.NotFound, null);
        }

        var department = availability.DepartmentNameOf(agent, view.Routing, handoffMessages.CurrentValue.DutyTeam);
        var call = Call.Invite(conversationId, conversation.ChannelConversationId, conversation.UserId, agent.Id, agent.DisplayName, department, video, time.GetUtcNow());
        var live = new Live(call, toAgent);
        lock (_gate)
        {
            if (_calls.Values.Any(l => l.Call.ConversationId == conversationId))
            {
                return (CallProblem.Busy, null);
            }

            _calls[call.Id] = live;
            live.Timer = time.CreateTimer(_ => _ = TimeOutAsync(call.Id), null, TimeSpan.FromSeconds(Options.RingSeconds), Timeout.InfiniteTimeSpan);
        }

        var servers = iceServers.For("call-" + call.Id.ToString("N")[..12]);
        var invite = new JsonObject
        {
            ["type"] = CallSignal.Invite,
            ["callId"] = call.Id.ToString("N"),
            ["video"] = video,
            ["agent"] = call.AgentName,
            ["department"] = department,
            ["iceServers"] = JsonSerializer.SerializeToNode(servers),
            ["relayOnly"] = Options.RelayOnly,
            ["ringSeconds"] = Options.RingSeconds,
        };
        LogStarted(conversationId, call.Id, video);
        await TellPersonAsync(call, invite, cancellationToken);
        return (CallProblem.None, new CallStart(call.Id, video, servers, Options.RelayOnly));
    }

    /// <summary>True when people on <paramref name="channel"/> can take a call: only Xiaoshen's own web chat has a page for it.</summary>
    public static bool IsCallable(string channel) => channel == DirectLineBridge.ChannelId;

    /// <summary>A signal from the agent's browser (offer, ICE, connected, hang-up, failure).</summary>
    public async Task FromAgentAsync(Guid callId, HumanAgent agent, string json, CancellationToken cancellationToken)
    {
        var signal = CallSignal.Parse(json, Options.MaxSignalCharacters, FromAgent);
        Live? live;
        lock (_gate)
        {
            if (signal is null || signal.CallId != callId || !_calls.TryGetValue(callId, out live) || live.Call.HumanAgentId != agent.Id)
            {
                LogIgnored("agent");
                return;
            }

            if (signal.Type == CallSignal.Connected)
            {
                live.Call.Connected(time.GetUtcNow());
            }
        }

        switch (signal.Type)
        {
            case CallSignal.Hangup:
                await EndAsync(live, CallEnd.AgentHungUp, cancellationToken);
                break;
            case CallSignal.Failed:
                await EndAsync(live, CallEnd.Failed, cancellationToken);
                break;
            case CallSignal.Offer or CallSignal.Ice:
                await TellPersonAsync(live.Call, signal.ToJson(), cancellationToken);
                break;
        }
    }

    /// <summary>A signal from the person's web chat, posted as a Direct Line event (<see cref="EventName"/>).</summary>
    public async Task FromPersonAsync(DirectLineEvent posted, CancellationToken cancellationToken)
    {
        var signal = CallSignal.Parse(posted.ValueJson, Options.MaxSignalCharacters, FromPerson);
        Live? live;
        lock (_gate)
        {
            // A person can only speak in their own conversation's call.
            if (signal is null || !_calls.TryGetValue(signal.CallId, out live) || live.Call.ChannelConversationId != posted.ConversationId || !Applies(live, signal))
            {
                LogIgnored("person");
                return;
            }
        }

        switch (signal.Type)
        {
            case CallSignal.Decline:
                await EndAsync(live, CallEnd.Declined, cancellationToken);
                break;
            case CallSignal.Hangup:
                await EndAsync(live, CallEnd.PersonHungUp, cancellationToken);
                break;
            case CallSignal.Failed:
                await EndAsync(live, CallEnd.Failed, cancellationToken);
                break;
            default:
                await live.ToAgent(signal.ToJson().ToJsonString());
                break;
        }
    }

    /// <summary>The agent's console went away (its circuit ended) during a call.</summary>
    public async Task LeaveAsync(Guid callId, string humanAgentId, CancellationToken cancellationToken)
    {
        Live? live;
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out live) || live.Call.HumanAgentId != humanAgentId)
            {
                return;
            }
        }

        await EndAsync(live, CallEnd.AgentLeft, cancellationToken);
    }

    /// <summary>The conversation's handoff changed: a call outlives neither the human service nor its agent.</summary>
    public async Task CheckAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        Live? live;
        lock (_gate)
        {
            live = _calls.Values.FirstOrDefault(l => l.Call.ConversationId == conversationId);
        }

        if (live is null)
        {
            return;
        }

        var view = await handoff.FindAsync(conversationId, cancellationToken);
        if (view is not { Status: ConversationStatus.WithHuman } || view.HumanAgentId != live.Call.HumanAgentId)
        {
            await EndAsync(live, CallEnd.HandoffEnded, cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var live in _calls.Values)
            {
                live.Timer?.Dispose();
            }

            _calls.Clear();
        }
    }

    // Inside the lock: the step the person's signal takes, if it fits the call's state.
    private bool Applies(Live live, CallSignal signal)
    {
        var call = live.Call;
        switch (signal.Type)
        {
            case CallSignal.Accept:
                if (!call.Accept(signal.Media!))
                {
                    return false;
                }

                // The browsers now have a ring's length again to connect.
                live.Timer?.Change(TimeSpan.FromSeconds(Options.RingSeconds), Timeout.InfiniteTimeSpan);
                return true;
            case CallSignal.MediaSwitch:
                return call.Switch(signal.Media!);
            case CallSignal.Connected:
                call.Connected(time.GetUtcNow());
                return true;
            case CallSignal.Decline:
                return call.State == CallState.Ringing;
            default:
                return true;
        }
    }

    // Not answered in time, or answered but never connected.
    private async Task TimeOutAsync(Guid callId)
    {
        try
        {
            Live? live;
            lock (_gate)
            {
                if (!_calls.TryGetValue(callId, out live) || live.Call.State == CallState.Connected)
                {
                    return;
                }
            }

            await EndAsync(live, live.Call.State == CallState.Ringing ? CallEnd.Missed : CallEnd.Failed, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A timer's callback is a top-level handler: nothing above it would see the failure.
            LogTimeoutFailed(callId, ex);
        }
    }

    private async Task EndAsync(Live live, CallEnd why, CancellationToken cancellationToken)
    {
        var call = live.Call;
        lock (_gate)
        {
            if (!call.End(why, time.GetUtcNow()))
            {
                return;
            }

            _calls.Remove(call.Id);
            live.Timer?.Dispose();
        }

        LogEnded(call.Id, why, (int)(call.Duration?.TotalSeconds ?? 0));
        var end = new CallSignal(CallSignal.End, call.Id) { Reason = why.ToString() }.ToJson();
        await TellPersonAsync(call, end, cancellationToken);
        try
        {
            await RecordAsync(call, cancellationToken);
        }
        finally
        {
            // After the record, so the console that reloads its transcript on the end shows the call.
            await live.ToAgent(end.ToJsonString());
        }
    }

    // The transcript says a call took place and how long it lasted; the person is told too.
    private async Task RecordAsync(Call call, CancellationToken cancellationToken)
    {
        if (await conversations.FindAsync(call.ConversationId, cancellationToken) is not { } conversation)
        {
            return;
        }

        var texts = Options.Texts;
        var kind = call.Video ? texts.VideoCall : texts.VoiceCall;
        string note, told;
        if (call.Duration is { } length)
        {
            var duration = Duration(length, texts);
            var ender = call.EndedBy switch
            {
                CallEnd.AgentHungUp => call.AgentName,
                CallEnd.PersonHungUp => texts.EnderPerson,
                _ => texts.EnderSystem,
            };
            note = ConversationMessages.Fill(texts.Recorded, ("Kind", kind), ("Agent", call.AgentName), ("Duration", duration), ("Ender", ender));
            told = ConversationMessages.Fill(texts.EndedForPerson, ("Kind", kind), ("Duration", duration));
        }
        else
        {
            var reason = texts.Reasons.GetValueOrDefault(call.EndedBy.ToString()!, call.EndedBy.ToString()!);
            note = ConversationMessages.Fill(texts.NotConnected, ("Kind", kind), ("Agent", call.AgentName), ("Reason", reason));
            told = ConversationMessages.Fill(texts.NotConnectedForPerson, ("Kind", kind), ("Agent", call.AgentName));
        }

        conversations.Append(conversation, Turn.FromSystem(note, time.GetUtcNow(), "call", call.HumanAgentId));
        await delivery.DeliverAsync(conversation, [new OutboundReply(told)], cancellationToken);
    }

    private static string Duration(TimeSpan length, CallTexts texts)
    {
        var seconds = (int)Math.Round(length.TotalSeconds);
        return seconds >= 60
            ? ConversationMessages.Fill(texts.DurationMinutes, ("Minutes", (seconds / 60).ToString(CultureInfo.InvariantCulture)), ("Seconds", (seconds % 60).ToString(CultureInfo.InvariantCulture)))
            : ConversationMessages.Fill(texts.DurationSeconds, ("Seconds", seconds.ToString(CultureInfo.InvariantCulture)));
    }

    private Task TellPersonAsync(Call call, JsonObject signal, CancellationToken cancellationToken) =>
        person.SendAsync(call.ChannelConversationId, call.UserId, EventName, signal.ToJsonString(), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId}: call {CallId} started (video {Video})")]
    private partial void LogStarted(Guid conversationId, Guid callId, bool video);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended: {Why} after {Seconds} s connected")]
    private partial void LogEnded(Guid callId, CallEnd why, int seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A call signal from the {Side} that fits no call was ignored")]
    private partial void LogIgnored(string side);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: ending it after its time ran out failed")]
    private partial void LogTimeoutFailed(Guid callId, Exception exception);

    /// <summary>A call and where its person's signals go.</summary>
    private sealed class Live(Call call, Func<string, Task> toAgent)
    {
        public Call Call { get; } = call;

        public Func<string, Task> ToAgent { get; } = toAgent;

        public ITimer? Timer { get; set; }
    }
}
