namespace Xiaoshen.Knowledge.Content;

/// <summary>One row of the fixed matter catalogue (<c>catalog.tsv</c>).</summary>
/// <param name="Id">Matter id.</param>
/// <param name="Name">Matter name.</param>
/// <param name="Audience">个人 or 企业.</param>
/// <param name="Department">Department name.</param>
/// <param name="Phase">Rollout phase (1 or 2).</param>
public sealed record CatalogEntry(string Id, string Name, string Audience, string Department, int Phase);
