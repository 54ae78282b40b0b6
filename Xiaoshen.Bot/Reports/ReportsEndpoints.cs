using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>The query of a report over HTTP: <c>from</c> and <c>to</c> as YYYY-MM-DD (Beijing days, both included), and the optional filters.</summary>
public sealed record ReportRequest(string? From, string? To, string? Department, string? Matter, string? Channel, string? Agent, bool? WorkingHours);

/// <summary>
/// The reports for other tools (<c>/api/reports</c>), signed in as a supervisor or admin with the console's cookie
/// (<c>POST /api/agent/sign-in</c>): the summary as JSON and the episodes as CSV or XLSX. A supervisor sees only their
/// own departments; an admin sees all.
/// </summary>
internal static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").RequireAuthorization(policy => policy.RequireRole(HumanAgent.SupervisorRole, HumanAgent.AdminRole));
        group.MapGet("/summary", SummaryAsync);
        group.MapGet("/episodes.csv", CsvAsync);
        group.MapGet("/episodes.xlsx", XlsxAsync);
        return app;
    }

    private static async Task<Results<Ok<ReportSummary>, ValidationProblem, ProblemHttpResult>> SummaryAsync(
        [AsParameters] ReportRequest request, ClaimsPrincipal user, HandoffAvailability availability, SupervisorReports reports, IOptions<ReportsOptions> options, CancellationToken cancellationToken)
    {
        var (filter, errors) = Read(request, user, availability, options.Value);
        if (filter is null)
        {
            return errors is null ? NotYours() : TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await reports.SummaryAsync(filter, cancellationToken));
    }

    private static Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> CsvAsync(
        [AsParameters] ReportRequest request, ClaimsPrincipal user, HandoffAvailability availability, SupervisorReports reports, IOptions<ReportsOptions> options) =>
        Task.FromResult(Export(request, user, availability, reports, options.Value, "text/csv; charset=utf-8", "csv", EpisodeExport.WriteCsvAsync));

    private static Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> XlsxAsync(
        [AsParameters] ReportRequest request, ClaimsPrincipal user, HandoffAvailability availability, SupervisorReports reports, IOptions<ReportsOptions> options) =>
        Task.FromResult(Export(request, user, availability, reports, options.Value, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", EpisodeExport.WriteXlsxAsync));

    private static Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult> Export(
        ReportRequest request, ClaimsPrincipal user, HandoffAvailability availability, SupervisorReports reports, ReportsOptions options,
        string contentType, string extension, Func<IEnumerable<Episode>, Stream, CancellationToken, Task> write)
    {
        var (filter, errors) = Read(request, user, availability, options);
        if (filter is null)
        {
            return errors is null ? NotYours() : TypedResults.ValidationProblem(errors);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"episodes-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.{extension}");
        return TypedResults.Stream(async stream => await write(await reports.EpisodesAsync(filter, CancellationToken.None), stream, CancellationToken.None), contentType, name);
    }

    private static ProblemHttpResult NotYours() =>
        TypedResults.Problem("A supervisor sees the reports of their own departments only.", statusCode: StatusCodes.Status403Forbidden, title: "Department not yours");

    /// <summary>The filter the request asks for, or what is wrong with it (errors), or neither when the department is not the reader's.</summary>
    internal static (ReportFilter? Filter, Dictionary<string, string[]>? Errors) Read(ReportRequest request, ClaimsPrincipal user, HandoffAvailability availability, ReportsOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Day(request.From, "from", errors);
        var to = Day(request.To, "to", errors);
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                errors["to"] = ["'to' must not be before 'from'."];
            }
            else if (t.DayNumber - f.DayNumber + 1 > options.MaxPeriodDays)
            {
                errors["to"] = [string.Create(CultureInfo.InvariantCulture, $"A report covers at most {options.MaxPeriodDays} days.")];
            }
        }

        if (request.Department is { } department && availability.FindDepartment(department) is null)
        {
            errors["department"] = [$"Unknown department '{department}'."];
        }

        // The catalogue's ids are fixed, so a matter the content does not know is a typo, not history. (An agent id is
        // not checked: a deleted account's conversations stay in the reports under its id.)
        if (Empty(request.Matter) is { } matter && !availability.IsKnownMatter(matter))
        {
            errors["matter"] = [$"Unknown matter '{matter}'."];
        }

        if (request.Channel is { } channel && !ReportChannel.All.Contains(channel))
        {
            errors["channel"] = ["'channel' is one of " + string.Join(", ", ReportChannel.All) + "."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var scope = ReportScope.Departments(user, availability);
        if (request.Department is { } wanted && !ReportScope.Allows(scope, wanted))
        {
            return (null, null);
        }

        return (new ReportFilter(from!.Value, to!.Value, scope, request.Department, Empty(request.Matter), request.Channel, Empty(request.Agent), request.WorkingHours ?? false), null);
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateOnly? Day(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[name] = [$"'{name}' is required, as YYYY-MM-DD."];
        return null;
    }
}
