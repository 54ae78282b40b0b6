namespace Xiaoshen.Bot.Handoff;

/// <summary>Where a 整改 work order stands: 待联系 → 已联系 → 整改中 → 已整改 / 申诉 → 已办结.</summary>
public enum RectificationStatus
{
    /// <summary>待联系: nobody has called the person back yet.</summary>
    AwaitingContact,

    /// <summary>已联系: the person was called back (回访); the follow-up record says what they said.</summary>
    Contacted,

    /// <summary>整改中: the problem is being fixed, simple (5 working days) or complex (15).</summary>
    Rectifying,

    /// <summary>已整改: fixed.</summary>
    Rectified,

    /// <summary>申诉: the department contests the rating, with its reason.</summary>
    Appealed,

    /// <summary>已办结: closed.</summary>
    Closed,
}
