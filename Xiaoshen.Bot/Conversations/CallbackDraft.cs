namespace Xiaoshen.Bot.Conversations;

/// <summary>Where a call-back message (留言) being taken stands, step by step; kept in the dialog state until submitted.</summary>
public sealed class CallbackDraft
{
    public CallbackStep Step { get; set; }

    public string DepartmentId { get; set; } = string.Empty;

    public string? MatterId { get; set; }

    public string? Question { get; set; }

    /// <summary>The call-back number, encrypted (<c>CallbackTickets.ProtectPhone</c>): state is stored, the number never in clear.</summary>
    public string? Phone { get; set; }

    public string? PreferredTime { get; set; }
}

/// <summary>The steps of taking a call-back message.</summary>
public enum CallbackStep
{
    /// <summary>Offered: the person may say 留言.</summary>
    Offered,
    Question,
    Phone,
    Time,
    Confirm,
}

/// <summary>The steps of routing a handoff whose matter is unknown.</summary>
public enum HandoffRoutingStep
{
    None,
    Audience,
    Topic,
}
