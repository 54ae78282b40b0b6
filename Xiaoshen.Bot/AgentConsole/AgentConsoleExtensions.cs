using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>Registers the agent console: Blazor interactive server pages under /console, cookie sign-in with roles.</summary>
internal static class AgentConsoleExtensions
{
    public const string LoginPath = "/console/login";
    public const string DeniedPath = "/console/denied";
    public const string CookieName = "xiaoshen.console";

    private static readonly string AssetsFolder = Path.Combine(AppContext.BaseDirectory, "console");

    public static WebApplicationBuilder AddAgentConsole(this WebApplicationBuilder builder)
    {
        // Blazor's script is a static web asset. Outside Development ASP.NET Core serves such assets only from a published
        // wwwroot and answers an empty 200 otherwise, so a plain `dotnet run` or a test process had a dead console. The
        // build's manifest is used whenever it exists (it does not in a published output).
        builder.WebHost.UseStaticWebAssets();

        // Demo accounts share a published password, and plain http is for this machine only: both belong to Development
        // and Testing. Elsewhere the first admin comes from the `accounts add` verb and the cookie is Secure (issue 11).
        var local = builder.Environment.IsDevelopmentOrTesting();
        builder.AddConsoleAccounts();
        builder.Services.AddOptions<AgentConsoleOptions>()
            .Validate(o => local || !o.SeedDemoAccounts, "AgentConsole:SeedDemoAccounts creates accounts whose password is published: it is for Development and Testing only. Create the first admin with `dotnet Xiaoshen.Bot.dll accounts add <id> --name <name> --roles admin`.")
            .ValidateOnStart();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, ConsoleAuthenticationStateProvider>();
        builder.Services.AddScoped<ConsoleCookieEvents>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = DeniedPath;
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = local ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.EventsType = typeof(ConsoleCookieEvents);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<ConsoleSignIn>();
        builder.Services.AddHostedService<ConsoleAccountsStartup>();
        builder.Services.AddSingleton<CannedAnswers>();
        builder.Services.AddSingleton<ConsoleText>();
        builder.Services.AddSingleton<ConsoleAttachments>();
        builder.Services.AddScoped<ConsolePresence>();
        return builder;
    }

    /// <summary>
    /// Console accounts and the options they need, without the web parts: the web host and the <c>accounts</c> CLI verb
    /// both use it.
    /// </summary>
    public static IHostApplicationBuilder AddConsoleAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentConsoleOptions>()
            .BindConfiguration(AgentConsoleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SignInOptions>()
            .BindConfiguration(SignInOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IPasswordHasher<HumanAgent>, PasswordHasher<HumanAgent>>();
        builder.Services.AddSingleton<HumanAgentAccounts>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAgentConsole(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(AssetsFolder), RequestPath = "/console-assets" });
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPost("/console/logout", (Delegate)SignOutAsync).RequireAuthorization();
        return app;
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(LoginPath);
    }
}
