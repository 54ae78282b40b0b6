using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// The one place where values are made fit for their column, driven by the model, just before every save on every
/// provider: characters no database keeps (NUL, half a surrogate pair) are replaced, columns marked as holding a
/// person's words are masked of personal numbers (<see cref="PersonalData"/>), and text longer than its column's
/// maximum length is cut to fit, ending in "…". An identifier (a key, foreign key or indexed column) is never cut,
/// since it would then point elsewhere: it is refused with a <see cref="StorageLimitException"/>. Moments are stored
/// in UTC (PostgreSQL's timestamptz takes no other offset; Beijing-time due dates were refused). Thread-safe.
/// </summary>
internal sealed class StoredText : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<IEntityType, Columns> Described = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Fit(eventData.Context!);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Fit(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    /// <summary>Fits the text of every added or changed entity of <paramref name="context"/>.</summary>
    public static void Fit(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            var columns = Described.GetOrAdd(entry.Metadata, Describe);
            foreach (var column in columns.Texts)
            {
                var property = entry.Property(column.Property);
                if (property.CurrentValue is string text && column.Fit(text) is var fitted && !string.Equals(fitted, text, StringComparison.Ordinal))
                {
                    property.CurrentValue = fitted;
                }
            }

            foreach (var moment in columns.Moments)
            {
                var property = entry.Property(moment);
                if (property.CurrentValue is DateTimeOffset { Offset.Ticks: not 0 } local)
                {
                    property.CurrentValue = local.ToUniversalTime();
                }
            }
        }
    }

    private static Columns Describe(IEntityType entity) => new(
        entity.GetProperties()
            .Where(p => p.ClrType == typeof(string))
            .Select(p => new Column(p, p[PersonalColumns.Annotation] as string, p.GetMaxLength(), p.IsKey() || p.IsForeignKey() || p.IsIndex()))
            .ToArray(),
        entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)).ToArray());

    private static string Clean(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = text[i] != '\0' && (!char.IsSurrogate(text[i]) || char.IsSurrogatePair(text, i) || (i > 0 && char.IsSurrogatePair(text, i - 1)));
        }

        if (clean)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                builder.Append(text, i++, 2);
            }
            else if (text[i] != '\0')
            {
                builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return builder.ToString();
    }

    private sealed record Columns(Column[] Texts, IProperty[] Moments);

    private sealed record Column(IProperty Property, string? Personal, int? MaxLength, bool IsIdentifier)
    {
        public string Fit(string text)
        {
            var clean = Clean(text);
            var masked = Personal switch
            {
                PersonalColumns.Text => PersonalData.Mask(clean),
                PersonalColumns.Json => PersonalData.MaskJson(clean),
                _ => clean,
            };

            if (MaxLength is not { } max || masked.Length <= max)
            {
                return masked;
            }

            if (IsIdentifier)
            {
                throw new StorageLimitException(Property.DeclaringType.ClrType.Name, Property.Name, masked.Length, max);
            }

            // Never half a surrogate pair at the cut.
            var cut = max - 1;
            if (cut > 0 && char.IsHighSurrogate(masked[cut - 1]))
            {
                cut--;
            }

            return string.Concat(masked.AsSpan(0, cut), "…");
        }
    }
}
