using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Xiaoshen.Bot.Booking;

/// <summary>Registers booking in-person help: the centres from content, the rules, the dialog and the day-before reminders.</summary>
internal static class BookingExtensions
{
    public static IHostApplicationBuilder AddBooking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BookingOptions>()
            .BindConfiguration(BookingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MinWorkingDaysAhead <= o.MaxWorkingDaysAhead, "Booking:MinWorkingDaysAhead must not be more than Booking:MaxWorkingDaysAhead.")
            .ValidateOnStart();
        builder.Services.AddOptions<BookingMessages>()
            .BindConfiguration(BookingMessages.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ServiceCentres>();
        builder.Services.AddSingleton<BookingService>();
        builder.Services.TryAddSingleton<IPreReviewLookup, NoPreReviews>();
        builder.Services.AddScoped<BookingDialog>();
        builder.Services.AddSingleton<BookingReminders>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BookingReminders>());
        return builder;
    }
}
