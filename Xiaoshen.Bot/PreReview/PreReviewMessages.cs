using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.PreReview;

/// <summary>Every sentence of material pre-review (Chinese, from <c>PreReviewMessages</c>); placeholders in braces.</summary>
public sealed class PreReviewMessages
{
    public const string SectionName = "PreReviewMessages";

    /// <summary>The button under answers of matters that can be pre-reviewed, and the words it sends.</summary>
    [Required] public string StartButton { get; set; } = string.Empty;

    [Required] public string SubmitButton { get; set; } = string.Empty;

    [Required] public string CancelButton { get; set; } = string.Empty;

    [Required] public string ChooseMatter { get; set; } = string.Empty;

    /// <summary>{Matter}, {Documents} (one line each), {Notice}.</summary>
    [Required] public string Start { get; set; } = string.Empty;

    /// <summary>One document to photograph: {Number}, {Document}, {Fields}, {Photo}, {Optional}.</summary>
    [Required] public string DocumentLine { get; set; } = string.Empty;

    [Required] public string OptionalMark { get; set; } = string.Empty;

    /// <summary>How to photograph a document: {Photo}.</summary>
    [Required] public string PhotoHint { get; set; } = string.Empty;

    /// <summary>Always said with a result: pre-review is not acceptance (预审不等于受理).</summary>
    [Required] public string NotAcceptance { get; set; } = string.Empty;

    /// <summary>A photo matched to a document: {Number}, {Document}.</summary>
    [Required] public string Received { get; set; } = string.Empty;

    /// <summary>A photo not matched to any document: {Number}.</summary>
    [Required] public string ReceivedUnrecognised { get; set; } = string.Empty;

    /// <summary>A file that is not a readable photo: {Name}.</summary>
    [Required] public string Unreadable { get; set; } = string.Empty;

    /// <summary>A photo the channel keeps that could not be fetched this time (network, size): send it again; the others are kept.</summary>
    [Required] public string NotReceived { get; set; } = string.Empty;

    /// <summary>A photo that could not be fetched on this channel.</summary>
    [Required] public string ChannelCannotRead { get; set; } = string.Empty;

    /// <summary>Documents still to send: {Documents}.</summary>
    [Required] public string StillMissing { get; set; } = string.Empty;

    /// <summary>The photo limit was reached: {Limit}.</summary>
    [Required] public string TooMany { get; set; } = string.Empty;

    [Required] public string NothingYet { get; set; } = string.Empty;

    [Required] public string Cancelled { get; set; } = string.Empty;

    /// <summary>The head of a result: {Number}.</summary>
    [Required] public string ResultHeader { get; set; } = string.Empty;

    /// <summary>Who confirms, and by when: {Department}, {Due}.</summary>
    [Required] public string ReviewPromise { get; set; } = string.Empty;

    /// <summary>Finding sentences by kind (Complete, Missing, Unrecognised, NotVisible, Expired, NamesDiffer, IdChecksum, NumberFormat, StaffCheck): {Document}, {Upload}, {Field}, {Value}, {OtherDocument}, {OtherField}, {OtherValue}.</summary>
    [MinLength(9)] public Dictionary<string, string> Findings { get; set; } = [];

    /// <summary>Staff confirmed the result: {Number}, {Department}, {Note}.</summary>
    [Required] public string ReviewConfirmed { get; set; } = string.Empty;

    /// <summary>Staff corrected the result: {Number}, {Department}, {Note}.</summary>
    [Required] public string ReviewCorrected { get; set; } = string.Empty;

    /// <summary>Staff sent the pre-review back: {Number}, {Department}, {Note}.</summary>
    [Required] public string ReviewRejected { get; set; } = string.Empty;

    /// <summary>A staff note: {Note}.</summary>
    [Required] public string NoteLine { get; set; } = string.Empty;
}
