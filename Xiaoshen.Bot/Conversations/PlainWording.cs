using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Elder mode's plain wording (适老化: “where a shorter form exists”): a copy of a set of texts with some of its string
/// properties replaced by the plain forms configured beside them, keyed by property name.
/// </summary>
public static class PlainWording
{
    private static readonly MethodInfo CloneMethod = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>A copy of <paramref name="texts"/> with <paramref name="plain"/> put in; <paramref name="texts"/> itself is left as it is.</summary>
    public static T Apply<T>(T texts, IReadOnlyDictionary<string, string> plain)
        where T : class
    {
        if (plain.Count == 0)
        {
            return texts;
        }

        var copy = (T)CloneMethod.Invoke(texts, null)!;
        foreach (var (name, text) in plain)
        {
            if (TextProperty(typeof(T), name) is { } property && !string.IsNullOrWhiteSpace(text))
            {
                property.SetValue(copy, text);
            }
        }

        return copy;
    }

    /// <summary>A validation error for every plain form that names no text of <typeparamref name="T"/>, so a typo is found at start.</summary>
    public static IEnumerable<ValidationResult> Check<T>(T texts, IReadOnlyDictionary<string, string> plain, string section)
        where T : class =>
        plain.Keys.Where(name => TextProperty(texts.GetType(), name) is null)
            .Select(name => new ValidationResult($"{section}:Plain:{name} names no text of {section}.", [nameof(plain)]));

    private static PropertyInfo? TextProperty(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Instance | BindingFlags.Public) is { PropertyType: var t, CanWrite: true } property && t == typeof(string) ? property : null;
}
