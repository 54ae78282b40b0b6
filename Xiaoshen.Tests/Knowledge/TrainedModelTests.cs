using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Learning;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>Issue 12, items 2, 3, 5 and 6: trained models stored with the build, explained decisions, clarify instead of a bare fallback.</summary>
public sealed class TrainedModelTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private KnowledgeSearch Search => fixture.Search;

    // Stop 67: the editors' own dev questions share the content's words and are answered wrong far less often than what
    // people type, so pooled with them the real phrasings went over the wrong-answer budget (out of fold, 0.024 of the real
    // phrasings at the threshold chosen on all). A real phrasing answered wrong now raises the threshold above it even when
    // 200 written questions would dilute it; the same line without its web address is one of those and does not.
    [Theory]
    [InlineData(", \"source\": \"https://example.com/q/1\"", true)]
    [InlineData("", false)]
    [InlineData(", \"source\": \"written:persona\"", false)]
    public void TheWrongAnswerBudgetHoldsForTheRealPhrasingsOnTheirOwn(string source, bool real)
    {
        BuildTrainer.Decided Decided(string q, string fields, double confidence, bool correct) =>
            new(EvalQuestionReader.Parse($"{{\"q\": \"{q}\", \"kind\": \"matter\", \"matter\": \"sb-card\"{fields}}}", 1), confidence, correct, 3, correct);
        var written = Enumerable.Range(0, 200).Select(i => Decided("社保卡怎么补办", "", 0.5 + (i * 0.002), correct: true)).ToList();
        var phrasings = Enumerable.Range(0, 20).Select(i => Decided("社保卡丢了咋整", source, 0.6 + (i * 0.01), correct: true))
            .Append(Decided("社保卡里的钱能取吗", source, 0.85, correct: false)).ToList();

        var threshold = BuildTrainer.AnswerThreshold([.. written, .. phrasings]);

        Assert.Equal(real, phrasings.All(p => p.Question.IsReal));
        Assert.Equal(real, threshold > 0.85);
    }

    // Stop 68: a question with one plausible matter fell back although 您想问的是…吗？ would have helped, because one clarify
    // threshold served one button and three alike, and out-of-scope questions with three buttons held it. Each now has its
    // own: the single matters asked at 0.40–0.50 are offered, the out-of-scope ones with one neighbour at 0.10–0.29 are not,
    // and the three-button threshold still keeps out-of-scope questions within the budget.
    [Fact]
    public void OnePlausibleMatterIsOfferedAboveItsOwnThreshold()
    {
        BuildTrainer.Decided Decided(string kind, double confidence, bool correct, int buttons, bool inButtons) =>
            new(EvalQuestionReader.Parse(kind == "oos" ? "{\"q\": \"今天天气怎么样\", \"kind\": \"oos\"}" : "{\"q\": \"社保卡咋弄\", \"kind\": \"matter\", \"matter\": \"sb-card\"}", 1), confidence, correct, buttons, inButtons);
        var decided = Enumerable.Range(0, 100).Select(i => Decided("oos", i * 0.005, false, 3, false))
            .Concat(Enumerable.Range(0, 20).Select(i => Decided("oos", 0.10 + (i * 0.01), false, 1, false)))
            .Concat(Enumerable.Range(0, 20).Select(i => Decided("matter", 0.40 + (i * 0.005), true, 1, true)))
            .Concat(Enumerable.Range(0, 50).Select(i => Decided("matter", 0.30 + (i * 0.004), false, 3, true)))
            .Concat(Enumerable.Range(0, 200).Select(_ => Decided("matter", 0.7, true, 3, true)))
            .ToList();

        var (clarify, single, _) = BuildTrainer.ClarifyThresholds(decided, 0.6);
        var thresholds = Calibration.Default with { AnswerThreshold = 0.6, ClarifyThreshold = clarify, SingleClarifyThreshold = single };

        Assert.All(decided.Where(d => d.Buttons == 1 && d.InButtons), d => Assert.True(thresholds.Clarifies(d.Confidence, d.Buttons)));
        Assert.DoesNotContain(decided, d => d.Buttons == 1 && !d.InButtons && thresholds.Clarifies(d.Confidence, d.Buttons));
        Assert.InRange(decided.Count(d => d.Question.Kind == EvalKind.Oos && thresholds.Clarifies(d.Confidence, d.Buttons)), 1, 6);
    }

    // Stop 71: the content is Chinese, and English questions are answered wrong at confidences where Chinese ones are not:
    // pooled, they held the Chinese answer threshold up, and still got wrong answers. A question written mostly in Latin
    // letters is decided on thresholds chosen on the English dev questions alone; one that only names a thing in English
    // (社保卡APP) is Chinese.
    [Theory]
    [InlineData("How can I get my marriage registered?", 0.82, 0.14)]
    [InlineData("work permit怎么续", 0.82, 0.14)]
    [InlineData("社保卡APP怎么下载", 0.48, 0.15)]
    [InlineData("Z字签证怎么办", 0.48, 0.15)]
    public void AQuestionInEnglishIsDecidedOnTheEnglishThresholds(string question, double answer, double clarify)
    {
        using var preparer = new TextPreparer([], TypoCorrector.None);
        var calibration = Calibration.Default with { AnswerThreshold = 0.48, ClarifyThreshold = 0.15, English = new LanguageThresholds(0.82, 0.14, 0.5, 130) };

        var decided = calibration.For(preparer.Prepare(question));

        Assert.Equal((answer, clarify), (decided.AnswerThreshold, decided.ClarifyThreshold));
        Assert.Equal(0.48, (calibration with { English = null }).For(preparer.Prepare(question)).AnswerThreshold);
    }

    [Fact]
    public void TheModelsAreStoredInTheBuildFolder()
    {
        var folder = Path.Combine(fixture.Content.IndexPath, Search.Build.Id);

        Assert.True(File.Exists(Path.Combine(folder, QuestionModels.MatterFile)));
        Assert.True(File.Exists(Path.Combine(folder, QuestionModels.ScopeFile)));
        Assert.Equal(FusionFeatures.Count + 1, Search.Build.Calibration.Weights.Length);
        Assert.Equal(ConfidenceFeatures.Count + 1, Search.Build.Calibration.ConfidenceWeights.Length);
    }

    [Fact]
    public async Task AStoredBuildAnswersWithItsOwnModelsAfterARestart()
    {
        var question = "社保卡丢了怎么补办";
        var before = await Search.AskAsync(question);
        var (search, indexer) = KnowledgeFixture.Create(fixture.Content);
        using (search)
        {
            await indexer.RefreshAsync();

            var after = await search.AskAsync(question);

            Assert.Equal(Search.Build.Id, search.Build.Id);
            Assert.Equal(before.Confidence, after.Confidence, 6);
            Assert.Equal(before.Reason, after.Reason);
        }
    }

    [Fact]
    public async Task TheReasonNamesTheSignalsThatDecided()
    {
        var answer = await Search.AskAsync("退休了公积金怎么取");

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Matches(@"^confidence \d\.\d\d >= \d\.\d\d \((ranking|ranking margin|coverage|matter coverage|precision|matter model|model best|scope|agreement|known words) \d\.\d\d [+-]\d", answer.Reason);
    }

    [Theory]
    [InlineData("银行卡密码忘了怎么重置")]
    [InlineData("123乘以456等于多少")]
    [InlineData("今天晚上吃什么好")]
    public async Task QuestionsThatAreNotGovernmentMattersAreNotAnswered(string question)
    {
        var answer = await Search.AskAsync(question);

        Assert.NotEqual(Decision.Answer, answer.Decision);
    }

    [Fact]
    public async Task WhenSeveralMattersArePlausibleItOffersThemInsteadOfFallingBack()
    {
        var answer = await Search.AskAsync("公积金提取");

        Assert.Equal(Decision.Clarify, answer.Decision);
        Assert.Contains(answer.Matters, m => m.MatterId == "gjj-retire-withdraw");
        Assert.Contains(answer.Matters, m => m.MatterId == "gjj-rent-withdraw");
    }

    // The person sees the fallback's closest matters as buttons (您可能想问下面这些事项), so the right matter among them
    // has helped, as a clarify's button does; it is not an answer, right or wrong.
    [Fact]
    public async Task TheReportCountsAFallbackThatShowsTheRightMatterAsHelped()
    {
        var answer = await Search.AskAsync("卡片坏了");
        Assert.Equal(Decision.Fallback, answer.Decision);
        Assert.Equal(["sb-card"], answer.Offered.Select(h => h.MatterId));

        var (report, details) = await EvalRunner.RunAsync(Search, [new("卡片坏了", EvalKind.Matter, "sb-card", 1), new("卡片坏了", EvalKind.Matter, "crj-passport", 2)]);

        Assert.Equal(0.5, report.Matter.Helped);
        Assert.Equal(0, report.Matter.AnsweredCorrect);
        Assert.Equal(0, report.AnsweredWrongOfAll);
        Assert.Equal(["sb-card"], details[0].Offered);
    }

    [Fact]
    public async Task TheReportCountsAClarifyWithTheRightButtonAsHelpedAndScoresEachKind()
    {
        EvalQuestion Q(string q, string matter, params string[] tags) => new(q, EvalKind.Matter, matter, 1) { Tags = tags };
        EvalQuestion O(string q, params string[] tags) => new(q, EvalKind.Oos, null, 1) { Tags = tags };
        var questions = new[]
        {
            Q("公积金提取", "gjj-rent-withdraw", "short"),
            Q("退修了公积金怎么取", "gjj-retire-withdraw", "typo"),
            O("深圳公积金怎么提取", EvalQuestion.OtherPlaceTag),
            O("银行卡密码忘了怎么重置", "everyday"),
        };

        var (report, _) = await EvalRunner.RunAsync(Search, questions);

        Assert.Equal(1.0, report.Matter.Helped);
        Assert.Equal(0.5, report.Matter.AnsweredCorrect);
        Assert.Equal(1.0, report.OtherPlace.Rejected);
        Assert.Equal(["everyday", "other-place", "short", "typo"], report.ByKind.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1.0, report.ByKind["short"].Helped);
        Assert.Equal(["gjj"], report.ByGroup.Keys);
        Assert.Equal(0, report.AnsweredWrongOfAll);
    }

    // An editor who adds one FAQ moves it to wherever the content lists it, and every other row shifts: the models must
    // not learn something else from the same rows in another order (with SDCA's shuffle over the rows as given, one new
    // FAQ moved 52 of 2,154 dev decisions; docs/quality.md, stops 40 and 41).
    [Fact]
    public void TheTextModelsDoNotDependOnTheOrderOfTheContent()
    {
        var matters = new (string Matter, string[] Texts)[]
        {
            ("sb-card", ["社保卡 丢 了 怎么 补办", "社保卡 坏 了", "社会保障卡 挂失", "社保卡 芯片 坏 了 能 换 吗"]),
            ("crj-passport", ["护照 怎么 办", "护照 过期 了 怎么 换", "第一次 办 护照 要 什么 材料"]),
            ("gjj-rent-withdraw", ["租房 提取 公积金", "租房子 怎么 取 公积金", "公积金 付 房租"]),
            ("hj-residence-permit", ["居住证 怎么 办", "居住证 签注", "居住证 丢 了 补领"]),
        };
        var examples = matters.SelectMany(m => m.Texts.Select(t => new MatterExample { Text = t, Label = m.Matter })).ToList();
        var scope = examples.Select(e => new ScopeExample { Text = e.Text, Label = true })
            .Concat(new[] { "明天 会 下雨 吗", "股票 怎么 买", "银行卡 密码 忘 了", "哪家 火锅 好吃" }.Select(t => new ScopeExample { Text = t, Label = false, Weight = 3 }))
            .ToList();

        var asGiven = ModelTrainer.TrainTextModels(examples, scope);
        var reordered = ModelTrainer.TrainTextModels([.. examples.AsEnumerable().Reverse()], [.. scope.AsEnumerable().Reverse()]);

        foreach (var question in new[] { "社保卡 坏 了 怎么 办", "护照 丢 了", "公积金 租房", "居住证 签注 在 哪", "今天 天气" })
        {
            var a = asGiven.Predict(question, 4);
            var b = reordered.Predict(question, 4);
            Assert.Equal(a.Matters.Select(m => m.MatterId), b.Matters.Select(m => m.MatterId));
            Assert.All(a.Matters.Zip(b.Matters), p => Assert.Equal(p.First.Probability, p.Second.Probability, 5));
            Assert.Equal(a.Scope, b.Scope, 5);
        }
    }
}
