using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Booking;

/// <summary>
/// The day before a booking, from the reminder hour, reminds the person in the channel they booked on (WeChat and
/// WeCom by default). WeChat lets an account write only within 48 hours of the person's last message: past it the
/// channel refuses, and the refusal is recorded rather than retried. Hosted service.
/// </summary>
public sealed partial class BookingReminders(
    BookingService bookings,
    ServiceCentres centres,
    ConversationStore conversations,
    ChannelDelivery delivery,
    IOptionsMonitor<BookingOptions> options,
    IOptionsMonitor<BookingMessages> messages,
    IOptionsMonitor<ConversationMessages> conversationMessages,
    TimeProvider time,
    ILogger<BookingReminders> logger) : BackgroundService
{
    /// <summary>Sends the reminders due now; returns how many were delivered.</summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var booking in await bookings.DueRemindersAsync(cancellationToken))
        {
            var centre = centres.Find(booking.CentreId);
            if (centre is null || await conversations.FindAsync(booking.ConversationId, cancellationToken) is not { } conversation)
            {
                await bookings.RecordReminderAsync(booking.Id, "no conversation or centre", cancellationToken);
                continue;
            }

            var m = messages.CurrentValue;
            var text = ConversationMessages.Fill(
                m.Reminder,
                ("Centre", centre.Name),
                ("Date", m.Day(booking.Date, booking.Half, conversationMessages.CurrentValue.Weekdays)),
                ("Hours", BookingMessages.Period(centre.Hours(booking.Half))),
                ("Code", booking.Code),
                ("Address", centre.Address));
            var result = await delivery.DeliverAsync(conversation, [new OutboundReply(text)], cancellationToken);
            if (result.Delivered)
            {
                conversations.Append(conversation, Turn.FromBot(text, time.GetUtcNow(), "booking"));
                delivered++;
            }

            await bookings.RecordReminderAsync(booking.Id, result.Delivered ? "delivered" : result.Problem ?? "not delivered", cancellationToken);
            LogReminded(booking.Code, result.Delivered);
        }

        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await BackgroundPass.RunAsync(RemindAsync, LogFailed, stoppingToken);
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.CurrentValue.ReminderSweepMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder for booking {Code}: delivered {Delivered}")]
    private partial void LogReminded(string code, bool delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking reminders could not run this time")]
    private partial void LogFailed(Exception exception);
}
