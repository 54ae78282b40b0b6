namespace Xiaoshen.Bot.Attachments;

/// <summary>Which limit an upload would pass.</summary>
public enum UploadLimit
{
    /// <summary>Within every limit: the upload is reserved.</summary>
    None,

    /// <summary>The conversation has sent as many files or bytes as it may.</summary>
    Conversation,

    /// <summary>The client address, or this node, has taken as many files or bytes as it may today.</summary>
    Daily,
}
