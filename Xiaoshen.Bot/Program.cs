using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Attachments;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Cli;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.KnowledgeAdmin;
using Xiaoshen.Bot.LiveHelp;
using Xiaoshen.Bot.PreReview;
using Xiaoshen.Bot.Reports;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;

// `kb validate|search|train` and `eval` run instead of the web host.
if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args);
}

// appsettings.json is read from the build output, so `dotnet run --project Xiaoshen.Bot` works from any folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddHostingDefaults();
builder.AddKnowledge();
builder.AddStorage();
builder.AddCluster();
builder.AddConversations();
builder.AddHandoff();
builder.AddPreReview();
builder.AddAttachments();
builder.AddChannels();
builder.AddAgentConsole();
builder.AddLiveHelp();
builder.AddKnowledgeAdmin();
builder.AddReports();
builder.AddBooking();

var app = builder.Build();

// Settings that refuse a start are told one per line, with exit code 1, before the pipeline below resolves them.
if (await StartupRefusal.RefusedAsync(app) is { } refused)
{
    return refused;
}

app.UsePublicEndpoint();
app.UseExceptionHandler();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStatusPages();
app.UseWebSockets();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

// Readiness (a load balancer routes on it): the index serves, the database takes writes, Redis answers. Liveness (an
// orchestrator restarts on it): the process answers HTTP at all; a full disk is not cured by a restart.
app.MapHealthChecks("/health");
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapKnowledgeEndpoints();
app.MapChannelEndpoints();
app.MapLiveHelp();
app.MapAgentConsole();
app.MapHumanAgentEndpoints();
app.MapPreReviewEndpoints();
app.MapReportsEndpoints();

await app.RunAsync();
return 0;
