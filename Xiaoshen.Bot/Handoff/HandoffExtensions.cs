using Microsoft.AspNetCore.DataProtection;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Handoff;

/// <summary>Registers human handoff: routing and hours, queues and assignment, call-back tickets, the monitor.</summary>
internal static class HandoffExtensions
{
    public static IHostApplicationBuilder AddHandoff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HandoffOptions>()
            .BindConfiguration(HandoffOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HandoffMessages>()
            .BindConfiguration(HandoffMessages.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<CallbackTicketOptions>()
            .BindConfiguration(CallbackTicketOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The call-back number is encrypted in the dialog state until its ticket is stored.
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton<HandoffAvailability>();
        builder.Services.AddSingleton<ChannelDelivery>();
        if (!builder.UsesRedis())
        {
            builder.Services.AddSingleton<IHumanAgentPresence, InMemoryHumanAgentPresence>();
        }
        else
        {
            builder.Services.AddSingleton<IHumanAgentPresence, RedisHumanAgentPresence>();
        }

        builder.Services.AddSingleton<RectificationOrders>();
        builder.Services.AddSingleton<ServiceRatings>();
        builder.Services.AddSingleton<HandoffRatingReader>();
        builder.Services.AddSingleton<HandoffClaims>();
        builder.Services.AddSingleton<HumanAgentRoster>();
        builder.Services.AddSingleton<HandoffCopies>();
        builder.Services.AddSingleton<HandoffNotices>();
        builder.Services.AddSingleton<HandoffAssignment>();
        builder.Services.AddSingleton<HandoffIntake>();
        builder.Services.AddSingleton<HandoffCommands>();
        builder.Services.AddSingleton<HandoffPresence>();
        builder.Services.AddSingleton<HandoffClock>();
        builder.Services.AddSingleton<HandoffBoard>();
        builder.Services.AddScoped<HandoffDialog>();
        builder.Services.AddSingleton<CallbackTickets>();
        builder.Services.AddSingleton<HandoffReports>();
        builder.Services.AddHostedService<HandoffMonitor>();
        builder.Services.AddSingleton<HandoffFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HandoffFeed>());
        return builder;
    }
}
