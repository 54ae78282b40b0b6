using Microsoft.AspNetCore.Mvc.Testing;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Hosting;

/// <summary>What every response says about the server (issue 11, low items): no product banner, and HSTS outside Development.</summary>
public sealed class ResponseHeaderTests
{
    [Fact]
    public async Task TheServerIsNotNamed()
    {
        await using var service = await ServiceProcess.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(service.BaseUrl + "/health");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task OutsideDevelopmentHttpsResponsesCarryHsts()
    {
        using var factory = new BotApiFactory().WithEnvironment("Production");
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://xiaoshen.example.gov.cn") });

        using var response = await client.GetAsync("/health");

        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no Strict-Transport-Security header");
        Assert.Contains("max-age=", string.Join(",", hsts), StringComparison.Ordinal);
    }
}
