using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>The step a booking conversation is at.</summary>
public enum BookingStep
{
    Matter,
    Centre,
    Time,
    Slot,
    ChooseCancel,
    ChooseChange,
}

/// <summary>What the conversation remembers of a booking under way (kept in <see cref="Conversations.DialogState"/>).</summary>
public sealed class BookingDialogState
{
    public BookingStep Step { get; set; }

    public string? MatterId { get; set; }

    public string? CentreId { get; set; }

    /// <summary>A leader-accompanied slot was asked for.</summary>
    public bool Leader { get; set; }

    /// <summary>The booking being moved to another time, when changing.</summary>
    public Guid? Replacing { get; set; }

    /// <summary>The slots offered by the last message, with their button labels.</summary>
    public List<OfferedSlot> Offered { get; set; } = [];

    /// <summary>The matters offered as buttons by the last question about the matter: button label (its name) to matter id.</summary>
    public Dictionary<string, string> MatterChoices { get; set; } = [];

    /// <summary>The bookings offered for cancelling or changing, by button label.</summary>
    public Dictionary<string, Guid> Choices { get; set; } = [];
}

/// <summary>A slot offered as a button.</summary>
public sealed record OfferedSlot(string Label, DateOnly Date, HalfDay Half, string Leader, string LeaderTitle);
