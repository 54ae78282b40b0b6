using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>Registers the agent console: Blazor interactive server pages under /console, cookie sign-in with roles.</summary>
internal static class AgentConsoleExtensions
{
    public const string LoginPath = "/console/login";

    private static readonly string AssetsFolder = Path.Combine(AppContext.BaseDirectory, "console");

    public static WebApplicationBuilder AddAgentConsole(this WebApplicationBuilder builder)
    {
        // Blazor's script is a static web asset. Outside Development ASP.NET Core serves such assets only from a published
        // wwwroot and answers an empty 200 otherwise, so a plain `dotnet run` or a test process had a dead console. The
        // build's manifest is used whenever it exists (it does not in a published output).
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddOptions<AgentConsoleOptions>()
            .BindConfiguration(AgentConsoleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = LoginPath;
            o.Cookie.Name = "xiaoshen.console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;

            // API callers get a status code, not the sign-in page.
            o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<HumanAgentAccounts>();
        builder.Services.AddHostedService<DemoAccountSeeder>();
        builder.Services.AddSingleton<CannedAnswers>();
        builder.Services.AddSingleton<ConsoleText>();
        builder.Services.AddSingleton<ConsoleAttachments>();
        builder.Services.AddScoped<ConsolePresence>();
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

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(LoginPath);
    }
}

/// <summary>Creates the configured demo accounts once the database is ready.</summary>
internal sealed class DemoAccountSeeder(HumanAgentAccounts accounts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => accounts.SeedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
