using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Content;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Booking;

/// <summary>
/// issue 16: on WeChat the person is reminded the day before, from the reminder hour, by the service's own timer (the
/// fake clock moves it), through WeChat's customer-service API (a loopback fake); past the 48-hour reply window WeChat
/// would refuse, so nothing is sent and the refusal is recorded on the booking.
/// </summary>
public sealed class BookingReminderTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";

    // Tuesday 1 December 2026, 10:00 Beijing time.
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task TheDayBeforeAWeChatPersonIsRemindedWithinTheReplyWindowOnly()
    {
        await using var host = await AtAsync(Start.ToUnixTimeSeconds());
        var soon = await WroteAsync(host);
        var later = await WroteAsync(host);
        var thursday = await BookAsync(host, soon, new DateOnly(2026, 12, 3));
        var monday = await BookAsync(host, later, new DateOnly(2026, 12, 7));

        // Wednesday 10:00 and a sweep later: Thursday's booking is reminded, 24 hours after the person wrote.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 59, 0, TimeSpan.FromHours(8)));
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        var sent = await host.Api.WaitForAsync(CustomSend, r => r.Body.Contains(thursday.Code, StringComparison.Ordinal));
        var reminder = JsonNode.Parse(sent[^1].Body)!;
        Assert.Equal(soon, (string?)reminder["touser"]);
        Assert.Contains("【预约提醒】", (string?)reminder["text"]!["content"], StringComparison.Ordinal);
        Assert.Contains("12月3日（周四）上午", (string?)reminder["text"]!["content"], StringComparison.Ordinal);

        // Sunday: Monday's booking is due, but the person wrote five days ago; WeChat's window is closed.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8)));
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.TrueAsync(async () => (await ReadAsync(host, monday.Id)).RemindedAt is not null, "Monday's reminder was never tried");
        Assert.DoesNotContain(host.Api.To(CustomSend), r => r.Body.Contains(monday.Code, StringComparison.Ordinal));
        Assert.Contains("48", (await ReadAsync(host, monday.Id)).ReminderResult, StringComparison.Ordinal);
        Assert.Equal("delivered", (await ReadAsync(host, thursday.Id)).ReminderResult);
    }

    private static async Task<CentreBooking> BookAsync(Channels.WeChat.WeChatHost host, string user, DateOnly day)
    {
        var services = host.Factory.Services;
        var conversation = await services.GetRequiredService<ConversationStore>().GetOrStartAsync("wechat", $"{Plain.Name}:{user}", user, host.Clock.GetUtcNow(), CancellationToken.None);
        var centre = services.GetRequiredService<ServiceCentres>().Find("songjiang")!;
        var result = await services.GetRequiredService<BookingService>().BookAsync(
            centre, "fg-rental-filing", new SlotOffer(day, HalfDay.Morning, string.Empty, string.Empty, 1), conversation, null, CancellationToken.None);
        return result.Booking!;
    }

    private static async Task<CentreBooking> ReadAsync(Channels.WeChat.WeChatHost host, Guid id)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().CentreBookings.AsNoTracking().SingleAsync(b => b.Id == id);
    }
}
