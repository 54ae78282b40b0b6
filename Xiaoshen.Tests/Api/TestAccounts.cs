using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Api;

/// <summary>Console accounts for hosts without the demo accounts (Production), and signing in over the agent API.</summary>
public static class TestAccounts
{
    public const string DemoPassword = "xiaoshen-demo";

    /// <summary>Stores an account as an operator's tools would: hashed password, given roles and groups.</summary>
    public static async Task AddAsync(BotApiFactory factory, string id, string password, string[] roles, params string[] groups)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var agent = HumanAgent.Create(id, id, roles, groups, 5);
        agent.SetPasswordHash(new PasswordHasher<HumanAgent>().HashPassword(agent, password));
        db.HumanAgents.Add(agent);
        await db.SaveChangesAsync();
    }

    /// <summary>POST /api/agent/sign-in; the response as it came.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/agent/sign-in", new { userName, password });

    /// <summary>
    /// A client holding the console cookie of <paramref name="userName"/>, over https: outside Development and Testing
    /// the cookie is Secure and a client sends it back on https only.
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(BotApiFactory factory, string userName, string password = DemoPassword)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var response = await SignInAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }
}
