using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Tests.Conversations;

public sealed class ChoiceNumberTests
{
    // Every way a person on a phone types the place of an option among three.
    [Theory]
    [InlineData("2", 2)]
    [InlineData(" ２ ", 2)]
    [InlineData("第二个", 2)]
    [InlineData("第2个", 2)]
    [InlineData("第二", 2)]
    [InlineData("二", 2)]
    [InlineData("两", 2)]
    [InlineData("2号", 2)]
    [InlineData("第一项", 1)]
    [InlineData("第三条", 3)]
    [InlineData("选第二个吧", 2)]
    [InlineData("我选1", 1)]
    [InlineData("就第一个吧。", 1)]
    [InlineData("最后一个", 3)]
    [InlineData("最后那个吧", 3)]
    public void APlaceAmongTheOptionsPicksThatOption(string reply, int expected) =>
        Assert.Equal(expected, ChoiceNumber.Parse(reply, 3));

    // A question, a place beyond the options, or nothing: not a choice, so it is searched as a question.
    [Theory]
    [InlineData("第二类医疗器械")]
    [InlineData("第二十个")]
    [InlineData("4")]
    [InlineData("第四个")]
    [InlineData("0")]
    [InlineData("二手房过户")]
    [InlineData("一网通办")]
    [InlineData("就这个")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElseIsNotAChoice(string? reply) =>
        Assert.Null(ChoiceNumber.Parse(reply, 3));
}
