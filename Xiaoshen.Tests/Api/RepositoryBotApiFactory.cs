namespace Xiaoshen.Tests.Api;

/// <summary>The web host on a private copy of the repository's real knowledge base (all 105 matters), for dialogs whose examples need it.</summary>
public sealed class RepositoryBotApiFactory() : BotApiFactory(new TestKnowledgeBase(TestKnowledgeBase.RepositorySource), ownsContent: true);
