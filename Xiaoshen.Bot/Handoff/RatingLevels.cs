namespace Xiaoshen.Bot.Handoff;

/// <summary>The five levels in the order they are offered, and which of them are bad ratings (差评).</summary>
public static class RatingLevels
{
    /// <summary>The number of levels offered today (GB/T 39734-2020).</summary>
    public const int Count = 5;

    /// <summary>The levels as offered, best first; <c>HandoffMessages:Ratings</c> holds their words in this order.</summary>
    public static readonly IReadOnlyList<ServiceRating> Offered =
        [ServiceRating.VerySatisfied, ServiceRating.Satisfied, ServiceRating.BasicallySatisfied, ServiceRating.Dissatisfied, ServiceRating.VeryDissatisfied];

    /// <summary>不满意 and 非常不满意: each opens a 整改 work order.</summary>
    public static bool IsBad(this ServiceRating rating) => rating is ServiceRating.Dissatisfied or ServiceRating.VeryDissatisfied;
}
