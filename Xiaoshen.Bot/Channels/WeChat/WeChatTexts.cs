using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>What Xiaoshen says on WeChat beyond the conversation's own texts (appsettings.json holds the Chinese).</summary>
public sealed class WeChatTexts
{
    /// <summary>A message type Xiaoshen cannot take (files, mini-program cards…).</summary>
    [Required] public string Unsupported { get; set; } = string.Empty;

    /// <summary>A numbered option the person may reply with: {Number}, {Title}.</summary>
    [Required] public string OptionLine { get; set; } = string.Empty;

    /// <summary>A link shown as text: {Title}, {Url}.</summary>
    [Required] public string LinkLine { get; set; } = string.Empty;

    /// <summary>A file that is not an image, sent as a link: {Name}, {Url}.</summary>
    [Required] public string FileLine { get; set; } = string.Empty;

    /// <summary>A shared location, as the conversation records it: {Label}, {Latitude}, {Longitude}.</summary>
    [Required] public string Location { get; set; } = string.Empty;

    /// <summary>Told to a human agent when the person's last message is older than WeChat's reply window: {Hours}.</summary>
    [Required] public string ReplyWindowClosed { get; set; } = string.Empty;

    /// <summary>Told to a human agent when WeChat refused or could not be reached.</summary>
    [Required] public string DeliveryFailed { get; set; } = string.Empty;

    /// <summary>Told to a human agent when the conversation is not one of a configured account.</summary>
    [Required] public string UnknownConversation { get; set; } = string.Empty;
}
