namespace Xiaoshen.Bot.Reports;

/// <summary>
/// How one conversation episode ended. Every episode has exactly one, so the rates built on them add up to 100 %.
/// The rule for each is in docs/reports.md and in <see cref="EpisodeRules"/>.
/// </summary>
public enum EpisodeOutcome
{
    /// <summary>小申 answered, with no 没帮助, no request for a person and no rephrased repeat after it.</summary>
    ResolvedByBot,

    /// <summary>Fallback, 没帮助, a repeated answer or an unserved request for a person; nobody was handed the question.</summary>
    Unresolved,

    /// <summary>Handed to a person, who closed it as solved.</summary>
    HumanResolved,

    /// <summary>Handed to a person, not solved (or not yet closed).</summary>
    HumanNotResolved,

    /// <summary>A person referred it to the 12345 citizen hotline.</summary>
    Referred12345,

    /// <summary>A message (留言) was left for a call-back outside working hours.</summary>
    OffHoursTicket,

    /// <summary>The person left: while waiting for a person, or without answering the bot's clarifying question.</summary>
    Abandoned,
}
