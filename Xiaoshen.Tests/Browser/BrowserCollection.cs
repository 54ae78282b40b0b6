namespace Xiaoshen.Tests.Browser;

/// <summary>
/// Tests that drive a real browser and a real service process run one at a time, after everything else, so their
/// waits do not depend on what else the two cores are doing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
