using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.Booking;

/// <summary>
/// issue 16: the service centres are content (<c>service-centres.yaml</c>), checked by <c>kb validate</c> with file and
/// line like the rest: the 17 real centres load, and an editor's mistake is pointed at.
/// </summary>
public sealed class ServiceCentresContentTests : IDisposable
{
    private const string File = "service-centres.yaml";
    private static readonly DateOnly Today = new(2026, 12, 1);
    private readonly TestKnowledgeBase _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public void TheRepositoryHasTheSixteenDistrictCentresAndTheMunicipalOne()
    {
        var result = ContentLoader.Load(TestKnowledgeBase.RepositorySource, Today);

        Assert.DoesNotContain(result.Problems, p => p.File == File);
        var centres = result.Knowledge!.ServiceCentres;
        Assert.Equal(17, centres.Count);
        Assert.Single(centres, c => c.District == "市级");
        Assert.Equal(16, centres.Select(c => c.District).Where(d => d != "市级").Distinct().Count());
        Assert.All(centres, c =>
        {
            Assert.StartsWith("上海市", c.Address, StringComparison.Ordinal);
            Assert.NotEmpty(c.Matters);
            Assert.True(c.MorningCapacity > 0 && c.AfternoonCapacity > 0, c.Name);
            Assert.True(c.Morning.End <= c.Afternoon.Start, c.Name);
        });
        Assert.Contains(centres, c => c.District == "松江区" && c.Matters.Contains("sp-license-new"));
        Assert.Contains(centres, c => c.Leaders.Count > 0 && c.Leaders[0].Weekly.Count > 0);
        Assert.Contains("请编辑核对", TestFile(TestKnowledgeBase.RepositorySource), StringComparison.Ordinal);
    }

    [Fact]
    public void AWeeklyLeaderSessionLoadsAndWarnsOnceItHasEndedOrWhenItsStartIsMissing()
    {
        _kb.Replace(File, "{date: 2026-12-03, half: 下午, capacity: 1}", "{weekly: 每周四, half: 下午, capacity: 1, from: 2026-12-01, until: 2026-12-31}");

        var now = ContentLoader.Load(_kb.ContentPath, Today);
        Assert.DoesNotContain(now.Problems, p => p.File == File);
        var weekly = Assert.Single(Assert.Single(now.Knowledge!.ServiceCentres.Single(c => c.Id == "songjiang").Leaders).Weekly);
        Assert.Equal((DayOfWeek.Thursday, HalfDay.Afternoon, 1, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), (weekly.Day, weekly.Half, weekly.Capacity, weekly.From, weekly.Until));

        var ended = Assert.Single(ContentLoader.Load(_kb.ContentPath, new DateOnly(2027, 1, 4)).Problems, p => p.File == File);
        Assert.Equal((ProblemSeverity.Warning, _kb.LineOf(File, "{weekly: 每周四")), (ended.Severity, ended.Line));
        Assert.Contains("周立新的每周四领导干部帮办安排已于 2026-12-31 结束", ended.Message, StringComparison.Ordinal);

        // Without a start the supervisors' board would count every week since 1 January as scheduled.
        _kb.Replace(File, "{weekly: 每周四, half: 下午, capacity: 1, from: 2026-12-01, until: 2026-12-31}", "{weekly: 每周四, half: 下午, capacity: 1}");
        var startless = Assert.Single(ContentLoader.Load(_kb.ContentPath, Today).Problems, p => p.File == File);
        Assert.Equal((ProblemSeverity.Warning, _kb.LineOf(File, "{weekly: 每周四")), (startless.Severity, startless.Line));
        Assert.Contains("周立新的每周四领导干部帮办安排没有写 from（从哪天开始）", startless.Message, StringComparison.Ordinal);

        _kb.Replace(File, "{weekly: 每周四, half: 下午, capacity: 1}", "{weekly: 礼拜四, half: 下午, capacity: 1}");
        var unknown = Assert.Single(ContentLoader.Load(_kb.ContentPath, Today).Errors, p => p.File == File);
        Assert.Equal(_kb.LineOf(File, "{weekly: 礼拜四"), unknown.Line);
        Assert.Contains("每周帮办安排要写 weekly（周一到周日，如 周四）", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownMatterIsAnErrorAtTheCentresMattersLine()
    {
        _kb.Replace(File, "matters: [crj-passport]", "matters: [crj-passport, no-such-matter]");

        var problem = SingleError();

        Assert.Contains("no-such-matter", problem.Message, StringComparison.Ordinal);
        Assert.Equal(_kb.LineOf(File, "no-such-matter"), problem.Line);
    }

    [Fact]
    public void WrongHoursCapacityAndLeaderSessionsAreErrorsWithTheirLines()
    {
        _kb.Replace(File, "hours: {morning: \"09:00-11:30\"", "hours: {morning: \"上午九点\"");
        _kb.Replace(File, "capacity: {morning: 3, afternoon: 3}", "capacity: {morning: 3, afternoon: 很多}");
        _kb.Replace(File, "{date: 2026-12-03, half: 下午, capacity: 1}", "{date: 2026-12-03, half: 晚上, capacity: 1}");

        var result = ContentLoader.Load(_kb.ContentPath, Today);

        Assert.Null(result.Knowledge);
        var errors = result.Problems.Where(p => p.File == File && p.Severity == ProblemSeverity.Error).ToList();
        Assert.Contains(errors, p => p.Message.Contains("hours.morning", StringComparison.Ordinal) && p.Line == _kb.LineOf(File, "上午九点"));
        Assert.Contains(errors, p => p.Message.Contains("afternoon 的名额", StringComparison.Ordinal) && p.Line == _kb.LineOf(File, "很多"));
        Assert.Contains(errors, p => p.Message.Contains("周立新", StringComparison.Ordinal) && p.Line == _kb.LineOf(File, "晚上"));
    }

    [Fact]
    public void TheTestCentresLoadWithTheirLeaderSessions()
    {
        var result = ContentLoader.Load(_kb.ContentPath, Today);

        // (From December the calendar folder warns that next year's holidays are missing; nothing about the centres.)
        Assert.DoesNotContain(result.Problems, p => p.File == File);
        Assert.Empty(result.Errors);
        var songjiang = result.Knowledge!.ServiceCentres.Single(c => c.Id == "songjiang");
        var session = Assert.Single(Assert.Single(songjiang.Leaders).Sessions);
        Assert.Equal((new DateOnly(2026, 12, 3), HalfDay.Afternoon, 1), (session.Date, session.Half, session.Capacity));
        Assert.Equal(_kb.LineOf(File, "{date: 2026-12-03"), session.Line);
        Assert.Equal(new TimeOnly(13, 30), songjiang.Afternoon.Start);
    }

    [Fact]
    public void ALeaderSessionInThePastOrOnADayOffIsAWarningAtItsLine()
    {
        var result = ContentLoader.Load(_kb.ContentPath, new DateOnly(2026, 12, 4));

        Assert.NotNull(result.Knowledge);
        var past = Assert.Single(result.Problems, p => p.File == File);
        Assert.Equal((ProblemSeverity.Warning, _kb.LineOf(File, "{date: 2026-12-03")), (past.Severity, past.Line));
        Assert.Contains("周立新的领导干部帮办安排 2026-12-03 已经过去", past.Message, StringComparison.Ordinal);

        _kb.Replace(File, "{date: 2026-12-03, half: 下午", "{date: 2026-12-05, half: 下午");
        var weekend = Assert.Single(ContentLoader.Load(_kb.ContentPath, Today).Problems, p => p.File == File);
        Assert.Equal((ProblemSeverity.Warning, _kb.LineOf(File, "{date: 2026-12-05")), (weekend.Severity, weekend.Line));
        Assert.Contains("2026-12-05 是周末", weekend.Message, StringComparison.Ordinal);

        _kb.Replace(File, "{date: 2026-12-05, half: 下午", "{date: 2026-10-05, half: 下午");
        var holiday = Assert.Single(ContentLoader.Load(_kb.ContentPath, new DateOnly(2026, 9, 1)).Problems, p => p.File == File);
        Assert.Contains("2026-10-05 是国庆节假期", holiday.Message, StringComparison.Ordinal);
    }

    private static string TestFile(string root) => System.IO.File.ReadAllText(Path.Combine(root, File));

    private ContentProblem SingleError()
    {
        var result = ContentLoader.Load(_kb.ContentPath, Today);
        Assert.Null(result.Knowledge);
        return Assert.Single(result.Problems, p => p.Severity == ProblemSeverity.Error);
    }
}
