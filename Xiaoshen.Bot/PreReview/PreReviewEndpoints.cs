using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// The photos of a pre-review for the console: only signed-in staff of the pre-review's department (or their
/// supervisors) see them, and only while they are kept.
/// </summary>
internal static class PreReviewEndpoints
{
    public static IEndpointRouteBuilder MapPreReviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/prereview/{caseId:guid}/photos/{number:int}", PhotoAsync)
            .RequireAuthorization(policy => policy.RequireRole(HumanAgent.AgentRole, HumanAgent.SupervisorRole));
        return app;
    }

    private static async Task<Results<PhysicalFileHttpResult, NotFound, ForbidHttpResult>> PhotoAsync(
        Guid caseId, int number, ClaimsPrincipal user, PreReviewService service, CancellationToken cancellationToken)
    {
        if (await service.FindAsync(caseId, cancellationToken) is not { } preReview)
        {
            return TypedResults.NotFound();
        }

        if (service.DepartmentsOf(user) is { } departments && !departments.Contains(preReview.DepartmentId))
        {
            return TypedResults.Forbid();
        }

        var upload = (await service.UploadsAsync(caseId, cancellationToken)).FirstOrDefault(u => u.Number == number);
        return upload is not null && service.PhotoPath(upload) is { } path
            ? TypedResults.PhysicalFile(path, upload.ContentType)
            : TypedResults.NotFound();
    }
}
