using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Xiaoshen.Tests.Api;

public sealed class KnowledgeEndpointTests(BotApiFactory factory) : IClassFixture<BotApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HealthIsHealthyOnceTheIndexIsBuilt()
    {
        var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AskReturnsTheDecisionWithItsBuild()
    {
        var answer = await _client.GetFromJsonAsync<JsonElement>("/api/knowledge/ask?q=" + Uri.EscapeDataString("社保卡丢了怎么补办"));

        Assert.Equal("answer", answer.GetProperty("decision").GetString());
        Assert.Equal("sb-card", answer.GetProperty("matterId").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("text").GetString()));
        var status = await _client.GetFromJsonAsync<JsonElement>("/api/knowledge/status");
        Assert.Equal(status.GetProperty("build").GetString(), answer.GetProperty("build").GetString());
        Assert.Equal(6, status.GetProperty("matters").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AskRejectsAnEmptyQuestionWithProblemDetails(string q)
    {
        var response = await _client.GetAsync("/api/knowledge/ask?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AskRejectsAnOversizedQuestion()
    {
        var response = await _client.GetAsync("/api/knowledge/ask?q=" + new string('问', 501));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("500", problem.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }
}
