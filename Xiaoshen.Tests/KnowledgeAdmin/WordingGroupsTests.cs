using Xiaoshen.Bot.KnowledgeAdmin;

namespace Xiaoshen.Tests.KnowledgeAdmin;

/// <summary>Unanswered questions are grouped by similar wording, not only by identical text (issue 14, section 4).</summary>
public sealed class WordingGroupsTests
{
    [Fact]
    public void GroupsRephrasingsOfOneQuestionAndKeepsOtherQuestionsApart()
    {
        string[] texts = ["社保卡丢了怎么办", "护照过期了怎么换", "社保卡丢了咋办呀", "社保卡 丢了，怎么办？", "护照过期怎么换新"];

        var groups = WordingGroups.Group(texts, t => t);

        Assert.Equal(2, groups.Count);
        Assert.Equal(["社保卡丢了怎么办", "社保卡丢了咋办呀", "社保卡 丢了，怎么办？"], groups[0]);
        Assert.Equal(["护照过期了怎么换", "护照过期怎么换新"], groups[1]);
    }
}
