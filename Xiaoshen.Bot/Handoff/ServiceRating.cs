namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// A 好差评 rating on the five levels of GB/T 39734-2020 (非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意). Stored by name;
/// ratings given on the earlier three-level scale (满意 / 基本满意 / 不满意) kept their names and are marked by
/// <see cref="HandoffSession.RatingScale"/> = 3.
/// </summary>
public enum ServiceRating
{
    VerySatisfied,
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
    VeryDissatisfied,
}
