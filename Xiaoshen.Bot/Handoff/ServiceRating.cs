namespace Xiaoshen.Bot.Handoff;

/// <summary>How the person rated a human service (满意 / 基本满意 / 不满意).</summary>
public enum ServiceRating
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}
