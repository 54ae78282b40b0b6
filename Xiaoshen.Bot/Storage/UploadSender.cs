namespace Xiaoshen.Bot.Storage;

/// <summary>Who sent an uploaded file.</summary>
public enum UploadSender
{
    Person,
    HumanAgent,
}
