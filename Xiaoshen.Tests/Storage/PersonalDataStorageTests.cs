using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Storage;

/// <summary>
/// issue 11: the database holds no personal number in clear — transcripts, Direct Line logs, dialog state, tickets —
/// except an open ticket's call-back number, which agents dial and which is masked when the ticket is resolved.
/// </summary>
public sealed class PersonalDataStorageTests : IDisposable
{
    private const string Mobile = "13812345678";
    private const string Id = "310101199001011234";
    private const string Card = "6222021234567890123";
    private const string CallBack = "13987654321";
    private const string OtherMobile = "15912345678";

    // Friday 27 November 2026, 20:00 Beijing time: after hours, so a message can be left.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;

    public PersonalDataStorageTests() =>
        _factory = DirectLineClient.Configure(new BotApiFactory()).WithServices(s => s.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task NothingStoredHoldsAPersonalNumberInClear()
    {
        var said = $"我手机{Mobile}，身份证{Id}，卡号{Card}，退休了公积金怎么取";
        var webChat = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await webChat.PostAsync(said);
        var person = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync(said);
        foreach (var text in new[] { "留言", $"身份证{Id}的公积金怎么一次取完", "+86 139 8765 4321", $"明天上午，打不通就打{OtherMobile}" })
        {
            await person.SayAsync(text);
        }

        var taken = (await person.SayAsync("确认")).Last(r => r.Type == "message").Text;

        // What the person typed is shown back to them in their own window as they typed it; only what is stored is masked.
        var (live, _) = await webChat.ActivitiesAsync();
        Assert.Contains(live, a => a.TryGetProperty("text", out var t) && t.GetString() == said);
        Assert.Contains("留言已提交", taken, StringComparison.Ordinal);
        var clear = await ClearNumbersAsync();
        Assert.Equal([("CallbackTickets", "Phone", CallBack)], clear);

        var tickets = _factory.Services.GetRequiredService<CallbackTickets>();
        var ticket = Assert.Single(await tickets.ListAsync(null, includeClosed: false, CancellationToken.None));
        Assert.True(await tickets.MarkAsync(ticket.Id, TicketStatus.Resolved, "gjj01", $"已回电{CallBack}", CancellationToken.None));
        Assert.Empty(await ClearNumbersAsync());
        Assert.Equal("139****4321", Assert.Single(await tickets.ListAsync(null, includeClosed: true, CancellationToken.None)).Phone);
    }

    // Every text column of every table, read as stored, searched for the numbers in clear (also as typed with spaces).
    private async Task<List<(string Table, string Column, string Number)>> ClearNumbersAsync()
    {
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        var stored = await StoredValues.ReadAsync(scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>());
        return stored
            .SelectMany(v => new[] { Mobile, Id, Card, CallBack, OtherMobile }
                .Where(n => v.Value.Replace(" ", string.Empty, StringComparison.Ordinal).Contains(n, StringComparison.Ordinal))
                .Select(n => (v.Table, v.Column, n)))
            .ToList();
    }
}
