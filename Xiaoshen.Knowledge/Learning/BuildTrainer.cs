using System.Globalization;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// "Retraining": fits a build's matter model, scope model, fusion model, confidence model and decision thresholds.
/// <list type="number">
/// <item>Training text: the content's own phrasings (matter names, aliases, FAQ questions and their 也问), the labelled
/// questions of the dev sets, and negatives (<c>out-of-scope.yaml</c>, chit-chat, the dev sets' out-of-scope questions).</item>
/// <item>The dev questions are split in two folds; the text models trained without a fold describe that fold's questions,
/// so the fusion and confidence models learn how far to trust the text models on questions they have not seen.</item>
/// <item>The fusion model ranks each question's candidates; the confidence model, fitted on the ranking's own output,
/// gives the probability that the best candidate is right; the thresholds are chosen on the same out-of-fold decisions.</item>
/// <item>Below both thresholds, the plausible-matters model learns on the same out-of-fold outcomes, the situation sets'
/// included, when the top three matters still hold the right one; its threshold keeps the out-of-scope questions offered
/// buttons that way under <see cref="PlausibleOosRate"/>.</item>
/// <item>The serving text models are trained on everything, alongside the fold models.</item>
/// </list>
/// </summary>
internal static class BuildTrainer
{
    /// <summary>Wrong answers (wrong matter, or an out-of-scope question answered) allowed, as a share of all dev questions.</summary>
    public const double TargetWrongRate = 0.02;

    /// <summary>Out-of-scope questions allowed to be answered.</summary>
    public const double TargetOosAnswerRate = 0.04;

    /// <summary>
    /// Out-of-scope questions allowed to be answered or clarified (with <see cref="PlausibleOosRate"/>, 0.05 in all). At 0.05
    /// and 0.01 the out-of-fold figure was 0.950 rejected, and on real phrasings nobody had trained on it fell to 0.88–0.92
    /// (stop 68: real-dev10 0.883; at 0.04, 0.904 with the same people helped, out of fold 0.960 and helped 0.944 → 0.934).
    /// </summary>
    public const double TargetOosNotRejectedRate = 0.04;

    private const int Folds = 2;
    private const int MinimumMatterQuestions = 20;
    private const double ButtonProbability = 0.02;

    // Out-of-scope questions are the minority of the dev sets but what the confidence model most needs to tell apart.
    private const float OosWeight = 3;

    private const float AskedWeight = 3;

    /// <summary>Out-of-scope questions that may be offered the plausible matters, as a share of all out-of-scope dev questions.</summary>
    public const double PlausibleOosRate = 0.01;

    // Fewer right or wrong offers than this, and there is nothing to learn from.
    private const int MinimumPlausibleRows = 10;

    // Questions that describe a situation without naming the matter (situations-dev.jsonl) teach the serving matter model
    // the people's words for each matter, and, out of fold, the plausible-matters model (see Plausible); nothing else. Measured on 2026-12-02 (docs/quality.md): taught to the fold
    // models as well, they moved the fusion, the confidence and the thresholds, so dev and real-dev fell back or clarified
    // less well (right -0.03 or helped -0.02 in every variant tried); as scope positives they made real-dev fall back more.
    private static readonly HashSet<string> SituationSets = ContentLoader.SituationSetFiles.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)!;

    // Questions asked in English (real-dev11.jsonl) teach the serving matter model the English words that the synonyms
    // leave (wfoe, enterprise, clinic); described out of fold, they choose the English thresholds (Calibration.English), as
    // the English questions of the other sets do. They teach no other model, nor the Chinese thresholds. Measured on
    // 2026-12-07 (stops 70 and 71, docs/quality.md): taught to every model and pooled in one set of thresholds, they raised
    // the thresholds (answer 0.51 → 0.61, clarify 0.15 → 0.28), and the Chinese sets were answered right less often
    // (holdout3 0.752 → 0.697, holdout2 0.941 → 0.926); taught to the fold models' matter model as well, the fusion moved and
    // three dev sets lost a top-1 each.
    private static readonly HashSet<string> EnglishSets = ContentLoader.EnglishSetFiles.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)!;

    public static (Calibration Calibration, QuestionModels Models) Train(
        KnowledgeSnapshot snapshot, IReadOnlyList<EvalQuestion> questions, KnowledgeSearch search, BuildSteps steps, CancellationToken cancellationToken)
    {
        var phrasings = ContentPhrasings(snapshot).ToList();
        var negatives = Negatives(snapshot).ToList();
        var labelled = Labelled(snapshot, questions).ToList();
        steps.Done("prepare the training texts");

        var matterCount = labelled.Count(q => q.Question.Kind == EvalKind.Matter);
        var folds = matterCount >= MinimumMatterQuestions ? Folds : 0;

        // The serving models and the two fold models are independent, and each trains on one thread (deterministic
        // whatever runs beside it): all three at once, so that on two cores no training waits alone for the last one,
        // and each fold's questions are described as soon as its models are trained, while the others still train.
        var serving = Start(() => TrainText(phrasings, negatives, labelled), cancellationToken);
        if (folds == 0)
        {
            return (Calibration.Default with { Note = F($"built-in fusion and confidence defaults (only {matterCount} labelled matter questions); text models trained on {phrasings.Count} phrasings") }, serving.Result);
        }

        // Each fold's questions described by the models that never saw them. The situation and English sets teach only the
        // serving matter model: the fold models, and so the fusion, the confidence and the thresholds, are trained as without
        // them (see SituationSets and EnglishSets). The English questions are described for the English thresholds.
        var perFold = Enumerable.Range(0, folds).Select(f => Start(() =>
        {
            var models = TrainText(phrasings, negatives, labelled.Where(q => q.Fold != f && !TeachesMatterModelOnly(q)));
            return labelled.Where(q => q.Fold == f)
                .Select(q => new Outcome(q.Question, search.Evidence(snapshot, q.Prepared, models), q.Prepared))
                .ToList();
        }, cancellationToken)).ToArray();
        Task.WaitAll(perFold, cancellationToken);
        var bySet = perFold.SelectMany(t => t.Result).ToLookup(o => IsEnglish(o.Question));
        var described = bySet[false].ToList();
        steps.Done("train the fold models and describe the dev questions out of fold");
        var outcomes = described.Where(o => !IsSituation(o.Question)).ToList();

        // Stage 1: the ranking over candidates. Stage 2: the confidence in the best one, learnt on the ranking's own output.
        var rows = outcomes.SelectMany(o => o.Evidence.Fused.Select(c => new FusionExample { Features = c.Features, Label = c.MatterId == o.Question.MatterId })).ToList();
        var ranking = Calibration.Default with { Weights = ModelTrainer.TrainFusion(rows) };
        var reranked = described.Select(o => Rerank(snapshot, o, ranking)).ToList();
        var ranked = reranked.Where(o => !IsSituation(o.Question)).ToList();
        var confidenceRows = ranked.Where(o => o.Evidence.Fused.Count > 0)
            .Select(o => new ConfidenceExample
            {
                Features = o.Evidence.ConfidenceFeatures,
                Label = o.Evidence.Fused[0].MatterId == o.Question.MatterId,
                Weight = o.Question.Kind == EvalKind.Oos ? OosWeight : 1,
            })
            .ToList();
        var model = ranking with { ConfidenceWeights = ModelTrainer.TrainConfidence(confidenceRows) };

        // The thresholds of questions asked in English, chosen on them alone (the English sets' and those of other sets).
        var asked = ranked.Concat(bySet[true].Select(o => Rerank(snapshot, o, ranking))).ToLookup(o => o.Prepared.IsEnglish);
        var thresholds = EnglishThresholds(Thresholds(model, asked[false].ToList(), phrasings.Count), asked[true].ToList());

        // Stage 3: below the clarify threshold, which questions' buttons still hold the right matter; learnt on every set but
        // the English ones.
        var plausible = Plausible(thresholds, reranked);
        steps.Done("fit fusion, confidence, thresholds and plausible matters");
        serving.Wait(cancellationToken);
        steps.Done("finish training the serving models");
        return (plausible, serving.Result);
    }

    // The outcome with its candidates ranked by the fitted fusion model, and whether a topic listed as outside the catalogue
    // then takes the question from its first matter, as it would in the service.
    private static Outcome Rerank(KnowledgeSnapshot snapshot, Outcome outcome, Calibration ranking)
    {
        var fused = outcome.Evidence.Fused.Select(c => c with { Probability = ranking.Fuse(c.Features) }).OrderByDescending(c => c.Probability).ToList();
        return outcome with
        {
            Evidence = outcome.Evidence with { Fused = fused },
            Outside = fused.Count > 0 && KnowledgeSearch.TopicOutside(snapshot, outcome.Prepared, fused[0].MatterId, snapshot.Mentions.Named(outcome.Prepared.Rewritten)) is not null,
        };
    }

    // A training on a thread of its own: the thread pool (two threads on two cores) would start the third one late.
    private static Task<T> Start<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static QuestionModels TrainText(List<(string Text, string MatterId)> phrasings, List<string> negatives, IEnumerable<LabelledQuestion> questions)
    {
        var asked = questions.ToList();
        var matters = phrasings.Select(p => new MatterExample { Text = p.Text, Label = p.MatterId })
            .Concat(asked.Where(q => q.Question.Kind == EvalKind.Matter).Select(q => new MatterExample { Text = q.Prepared.ModelText, Label = q.Question.MatterId! }))
            .ToList();
        var outside = negatives.Concat(asked.Where(q => q.Question.Kind == EvalKind.Oos && !TeachesMatterModelOnly(q)).Select(q => q.Prepared.ModelText)).ToList();

        // Balanced classes: a question in words the model has never seen should sit at even odds, not at the prior of
        // thousands of content phrasings.
        // The dev questions are asked the way people ask; weighed up, so the scope model learns the topic, not the style
        // (the negatives are all people's phrasings, the content's phrasings are all the editors').
        var asking = asked.Where(q => q.Question.Kind == EvalKind.Matter && !TeachesMatterModelOnly(q)).Select(q => q.Prepared.ModelText).ToList();
        var positives = phrasings.Count + (AskedWeight * asking.Count);
        var weight = positives / Math.Max(outside.Count, 1);
        var scope = phrasings.Select(p => new ScopeExample { Text = p.Text, Label = true })
            .Concat(asking.Select(text => new ScopeExample { Text = text, Label = true, Weight = AskedWeight }))
            .Concat(outside.Select(n => new ScopeExample { Text = n, Label = false, Weight = weight }))
            .ToList();
        return ModelTrainer.TrainTextModels(matters, scope);
    }

    // The lowest answer threshold that keeps wrong answers under target, then the lowest clarify threshold that keeps
    // out-of-scope questions rejected; both scanned from high to low, where the constraints only get harder.
    private static Calibration Thresholds(Calibration model, List<Outcome> outcomes, int phrasings)
    {
        var decided = Decide(model, outcomes);
        var all = Math.Max(decided.Count, 1);
        var oos = Math.Max(decided.Count(d => d.Question.Kind == EvalKind.Oos), 1);
        var matters = Math.Max(decided.Count(d => d.Question.Kind == EvalKind.Matter), 1);
        var real = decided.Where(d => d.Question.IsReal).ToList();
        var (answer, clarify, single, helped) = Choose(decided);
        var right = Right(decided, answer);
        var wrong = Wrong(decided, answer);
        var thresholds = model with { AnswerThreshold = answer, ClarifyThreshold = clarify, SingleClarifyThreshold = single };
        var rejected = decided.Count(d => d.Question.Kind == EvalKind.Oos && d.Confidence < answer && !thresholds.Clarifies(d.Confidence, d.Buttons));
        var outside = outcomes.Count(o => o.Outside);

        // The same out-of-fold figures per dev set: real phrasings are harder than the editors' own.
        var perSet = string.Join("; ", decided.GroupBy(d => d.Question.Set).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var setMatters = Math.Max(g.Count(d => d.Question.Kind == EvalKind.Matter), 1);
            var setRight = Right(g, answer);
            var setWrong = Wrong(g, answer);
            return F($"{g.Key} {setRight * 1.0 / setMatters:0.000} right, {setWrong * 1.0 / g.Count():0.000} wrong of all");
        }));
        return thresholds with
        {
            TrainedOn = decided.Count,
            Note = F($"text models on {phrasings} content phrasings + dev; fusion and confidence on {decided.Count} out-of-fold dev questions ({matters} matter, {oos} oos, {outside} of them refused as topics outside the catalogue): answer >= {answer:0.000} gives {right * 1.0 / matters:0.000} right, {wrong * 1.0 / all:0.000} wrong of all ({Wrong(real, answer) * 1.0 / Math.Max(real.Count, 1):0.000} of the {real.Count} real phrasings); clarify >= {clarify:0.000} with 2+ buttons and >= {single:0.000} with one gives helped {helped * 1.0 / matters:0.000}, oos rejected {rejected * 1.0 / oos:0.000} (out of fold by set: {perSet})"),
        };
    }

    // The English thresholds, chosen as the others on the English questions' out-of-fold decisions; none when there are too
    // few of them to choose on.
    private static Calibration EnglishThresholds(Calibration calibration, List<Outcome> outcomes)
    {
        var decided = Decide(calibration, outcomes);
        var matters = decided.Count(d => d.Question.Kind == EvalKind.Matter);
        if (matters < MinimumMatterQuestions)
        {
            return calibration with { Note = F($"{calibration.Note}; English questions decided as the others ({matters} English matter questions)") };
        }

        var (answer, clarify, single, helped) = Choose(decided);
        return calibration with
        {
            English = new LanguageThresholds(answer, clarify, single, decided.Count),
            Note = F($"{calibration.Note}; English: answer >= {answer:0.000} gives {Right(decided, answer) * 1.0 / matters:0.000} right, {Wrong(decided, answer) * 1.0 / decided.Count:0.000} wrong of all; clarify >= {clarify:0.000} with 2+ buttons and >= {single:0.000} with one gives helped {helped * 1.0 / matters:0.000} (on {decided.Count} out-of-fold English questions, {matters} matter)"),
        };
    }

    // The answer threshold, then the clarify thresholds below it, and how many people they help.
    private static (double Answer, double Clarify, double Single, int Helped) Choose(List<Decided> decided)
    {
        var answer = AnswerThreshold(decided);
        var (clarify, single, helped) = ClarifyThresholds(decided, answer);
        return (answer, clarify, single, helped);
    }

    // Each out-of-fold question decided at the model's confidence.
    private static List<Decided> Decide(Calibration model, List<Outcome> outcomes) =>
        outcomes.Select(o =>
        {
            var fused = o.Evidence.Fused;
            var shown = Shown(fused);
            return new Decided(o.Question, Confidence(model, o), fused.Count > 0 && fused[0].MatterId == o.Question.MatterId, shown.Count, shown.Any(c => c.MatterId == o.Question.MatterId));
        }).ToList();

    // The clarify thresholds: with two or three buttons, and with one ("您想问的是…吗？"), the pair that helps most people
    // (answered right, or asked with the right matter among the buttons) while out-of-scope questions answered or asked
    // about stay within TargetOosNotRejectedRate. A single plausible matter is its own case: an out-of-scope question
    // often has one neighbour that shares its words, so one button gets its own threshold (1 when it would help no one
    // within the budget); of thresholds that help as many, the higher.
    internal static (double Clarify, double Single, int Helped) ClarifyThresholds(IReadOnlyList<Decided> decided, double answer)
    {
        var below = decided.Where(d => d.Confidence < answer && d.Buttons > 0).ToList();
        var budget = TargetOosNotRejectedRate * Math.Max(decided.Count(d => d.Question.Kind == EvalKind.Oos), 1)
            - decided.Count(d => d.Question.Kind == EvalKind.Oos && d.Confidence >= answer);
        var answeredRight = Right(decided, answer);
        var singles = below.Where(d => d.Buttons == 1).ToList();
        var several = below.Where(d => d.Buttons >= 2).ToList();
        return singles.Select(d => d.Confidence).Append(1.0).Distinct().Select(single =>
        {
            var left = budget - singles.Count(d => d.Question.Kind == EvalKind.Oos && d.Confidence >= single);
            var clarify = Math.Min(answer, Lowest(several.Select(d => d.Confidence), t =>
                several.Count(d => d.Question.Kind == EvalKind.Oos && d.Confidence >= t) <= left));
            var helped = answeredRight + below.Count(d => d.Question.Kind == EvalKind.Matter && d.InButtons && d.Confidence >= (d.Buttons == 1 ? single : clarify));
            return (Clarify: clarify, Single: single, Helped: helped, Feasible: left >= 0);
        }).Where(c => c.Feasible).OrderByDescending(c => c.Helped).ThenByDescending(c => c.Single)
            .Select(c => (c.Clarify, c.Single, c.Helped)).DefaultIfEmpty((answer, 1.0, answeredRight)).First();
    }

    // Questions below both thresholds with two or three buttons to offer: what the confidence model doubts but the ranking
    // may still know. A logistic model learns, on the out-of-fold outcomes of every dev set, the situation sets included,
    // when those buttons hold the right matter; its threshold is the lowest that offers buttons to no more than
    // PlausibleOosRate of all out-of-scope questions. The answer and clarify decisions above are not changed.
    private static Calibration Plausible(Calibration calibration, List<Outcome> outcomes)
    {
        var rows = outcomes.Select(o => Offer(calibration, o)).OfType<Offered>().ToList();
        var oos = Math.Max(outcomes.Count(o => o.Question.Kind == EvalKind.Oos), 1);
        if (rows.Count(r => r.Label) < MinimumPlausibleRows || rows.Count(r => !r.Label) < MinimumPlausibleRows)
        {
            return calibration with { Note = F($"{calibration.Note}; no plausible-matters model ({rows.Count} questions below the clarify threshold with 2+ buttons)") };
        }

        var model = calibration with
        {
            PlausibleWeights = ModelTrainer.TrainPlausible(rows.Select(r => new PlausibleExample
            {
                Features = r.Features,
                Label = r.Label,
                Weight = r.Question.Kind == EvalKind.Oos ? OosWeight : 1,
            }).ToList()),
        };
        var scored = rows.Select(r => (Row: r, Probability: model.Plausible(r.Features))).ToList();
        var threshold = Lowest(scored.Select(s => s.Probability), t =>
            scored.Count(s => s.Probability >= t && s.Row.Question.Kind == EvalKind.Oos) <= PlausibleOosRate * oos);
        var perSet = string.Join("; ", outcomes.GroupBy(o => o.Question.Set).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var offered = scored.Where(s => s.Probability >= threshold && s.Row.Question.Set == g.Key).ToList();
            return F($"{g.Key} +{offered.Count(s => s.Row.Label)} helped of {g.Count(o => o.Question.Kind == EvalKind.Matter)}, {offered.Count(s => s.Row.Question.Kind == EvalKind.Oos)} of {g.Count(o => o.Question.Kind == EvalKind.Oos)} oos offered buttons");
        }));
        return model with
        {
            PlausibleThreshold = threshold,
            Note = F($"{calibration.Note}; plausible matters >= {threshold:0.000} on {rows.Count} out-of-fold questions below the clarify threshold with 2+ buttons ({perSet})"),
        };
    }

    private static Offered? Offer(Calibration calibration, Outcome outcome)
    {
        var fused = outcome.Evidence.Fused;
        if (fused.Count < 2)
        {
            return null;
        }

        var confidence = Confidence(calibration, outcome);
        var offered = fused.Take(3).ToList();
        var thresholds = calibration.For(outcome.Prepared);
        return outcome.Outside || confidence >= thresholds.AnswerThreshold || thresholds.Clarifies(confidence, Shown(fused).Count)
            ? null
            : new Offered(outcome.Question, PlausibleFeatures.Of(outcome.Evidence.ConfidenceFeatures, offered, outcome.Length), offered.Any(c => c.MatterId == outcome.Question.MatterId));
    }

    // The confidence the thresholds are chosen on: none for a question that a topic outside the catalogue takes, which the
    // service refuses before it weighs the confidence (so a refused out-of-scope question does not hold the threshold up).
    private static double Confidence(Calibration calibration, Outcome outcome) =>
        outcome.Outside || outcome.Evidence.Fused.Count == 0 ? 0 : calibration.Confidence(outcome.Evidence.ConfidenceFeatures);

    // The buttons a clarify would offer: the top three the ranking gives a real chance.
    private static List<FusedCandidate> Shown(List<FusedCandidate> fused) => fused.Take(3).Where(c => c.Probability >= ButtonProbability).ToList();

    /// <summary>
    /// The lowest answer threshold that keeps wrong answers (a wrong matter, or an out-of-scope question answered) within
    /// <see cref="TargetWrongRate"/> of all the questions and of the real phrasings among them, and out-of-scope questions
    /// answered within <see cref="TargetOosAnswerRate"/>. The editors' own questions share the content's words and are
    /// answered wrong far less often: pooled with them, the real phrasings (what people type) could go over the budget.
    /// </summary>
    internal static double AnswerThreshold(IReadOnlyList<Decided> decided)
    {
        var real = decided.Where(d => d.Question.IsReal).ToList();
        var oos = Math.Max(decided.Count(d => d.Question.Kind == EvalKind.Oos), 1);
        return Lowest(decided.Select(d => d.Confidence), t =>
            Wrong(decided, t) <= TargetWrongRate * decided.Count
            && Wrong(real, t) <= TargetWrongRate * real.Count
            && decided.Count(d => d.Confidence >= t && d.Question.Kind == EvalKind.Oos) <= TargetOosAnswerRate * oos);
    }

    private static int Right(IEnumerable<Decided> rows, double threshold) =>
        rows.Count(d => d.Question.Kind == EvalKind.Matter && d.Confidence >= threshold && d.Correct);

    private static int Wrong(IEnumerable<Decided> rows, double threshold) =>
        rows.Count(d => d.Confidence >= threshold && (d.Question.Kind == EvalKind.Oos || !d.Correct));

    private static double Lowest(IEnumerable<double> values, Func<double, bool> feasible)
    {
        var best = 1.0;
        foreach (var t in values.Distinct().OrderDescending())
        {
            if (!feasible(t))
            {
                break;
            }

            best = t;
        }

        return best;
    }

    // Names, aliases, FAQ questions and their 也问: what a matter is called and how it is asked about.
    private static IEnumerable<(string Text, string MatterId)> ContentPhrasings(KnowledgeSnapshot snapshot) =>
        snapshot.Knowledge.Matters.Values.OrderBy(m => m.Id, StringComparer.Ordinal).SelectMany(m =>
            m.Aliases.Prepend(m.Name)
                .Concat(m.Faqs.SelectMany(f => f.Alternatives.Prepend(f.Question)))
                .Select(text => (snapshot.Preparer.Prepare(text).ModelText, m.Id)))
            .Where(p => p.ModelText.Length > 0);

    private static IEnumerable<string> Negatives(KnowledgeSnapshot snapshot) =>
        snapshot.Knowledge.OutOfScope.SelectMany(t => t.Phrasings)
            .Concat(snapshot.Knowledge.Lexicon.Intents.SelectMany(i => i.Examples))
            .Select(text => snapshot.Preparer.Prepare(text).ModelText)
            .Where(text => text.Length > 0);

    // Matter and out-of-scope questions the decision is made for: requests for a person and questions about another
    // place are decided before the models are asked, so they teach the models nothing.
    private static IEnumerable<LabelledQuestion> Labelled(KnowledgeSnapshot snapshot, IReadOnlyList<EvalQuestion> questions)
    {
        foreach (var question in questions.Where(q => q.Kind is EvalKind.Matter or EvalKind.Oos))
        {
            var prepared = snapshot.Preparer.Prepare(question.Question);
            if (prepared.IsEmpty || snapshot.Intents.IsHumanRequest(prepared) || snapshot.Intents.OtherPlace(prepared) is not null
                || (question.Kind == EvalKind.Matter && !snapshot.Knowledge.Matters.ContainsKey(question.MatterId!)))
            {
                continue;
            }

            yield return new LabelledQuestion(question, prepared, Fold(question.Question));
        }
    }

    // The same question always lands in the same fold.
    private static int Fold(string question) => (int)(ModelTrainer.Fnv(question) % Folds);

    private static bool IsSituation(LabelledQuestion question) => IsSituation(question.Question);

    private static bool IsSituation(EvalQuestion question) => SituationSets.Contains(question.Set);

    private static bool IsEnglish(LabelledQuestion question) => IsEnglish(question.Question);

    private static bool IsEnglish(EvalQuestion question) => EnglishSets.Contains(question.Set);

    private static bool TeachesMatterModelOnly(LabelledQuestion question) => IsSituation(question) || IsEnglish(question);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record LabelledQuestion(EvalQuestion Question, Analysis.PreparedText Prepared, int Fold);

    private sealed record Outcome(EvalQuestion Question, QuestionEvidence Evidence, Analysis.PreparedText Prepared)
    {
        /// <summary>Refused as a topic outside the catalogue (set once the candidates are ranked).</summary>
        public bool Outside { get; init; }

        public int Length => Prepared.Normalized.Length;
    }

    private sealed record Offered(EvalQuestion Question, float[] Features, bool Label);

    /// <summary>An out-of-fold dev question decided at its confidence: whether the top matter is right, and the buttons a clarify would show.</summary>
    internal sealed record Decided(EvalQuestion Question, double Confidence, bool Correct, int Buttons, bool InButtons);
}
