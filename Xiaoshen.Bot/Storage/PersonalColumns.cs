using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Xiaoshen.Bot.Storage;

/// <summary>Marks the columns that may hold a person's words, so <see cref="StoredText"/> stores them masked.</summary>
internal static class PersonalColumns
{
    public const string Annotation = "Xiaoshen:PersonalData";
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>Text written by a person (or quoting one): stored with personal numbers masked.</summary>
    public static PropertyBuilder<TProperty> HoldsPersonalText<TProperty>(this PropertyBuilder<TProperty> property) =>
        property.HasAnnotation(Annotation, Text);

    /// <summary>JSON whose string values may quote a person: stored masked, ids, links, types and times kept.</summary>
    public static PropertyBuilder<TProperty> HoldsPersonalJson<TProperty>(this PropertyBuilder<TProperty> property) =>
        property.HasAnnotation(Annotation, Json);
}
