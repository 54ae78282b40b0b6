namespace Xiaoshen.Bot.Channels;

/// <summary>Whether a delivery reached the channel; when not, why, in words a human agent can act on (Chinese, from options).</summary>
public sealed record DeliveryResult(bool Delivered, string? Problem = null)
{
    public static DeliveryResult Ok { get; } = new(true);

    public static DeliveryResult Failed(string problem) => new(false, problem);
}
