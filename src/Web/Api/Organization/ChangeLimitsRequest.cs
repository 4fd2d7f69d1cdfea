using System.Text.Json;
using CleanAgent.Application.Common;

namespace CleanAgent.Web.Api.Organization;

/// <param name="MonthlyMinutes">Minutes of calls per UTC month; <c>null</c> in the body lifts the limit.</param>
public sealed record ChangeLimitsRequest(int? ConcurrentCallLimit, int? MonthlyMinutes)
{
    internal static readonly Error Invalid = new(ErrorKind.Validation,
        "The body must be an object with concurrentCallLimit (a whole number) and/or monthlyMinutes (a whole number, or null for unlimited).",
        new Dictionary<string, string[]> { ["body"] = ["Expected {concurrentCallLimit?: integer, monthlyMinutes?: integer | null}."] });

    internal bool UnlimitedMinutes { get; private init; }

    /// <summary>The change a PATCH body asks for; null when it is not the expected shape.</summary>
    internal static ChangeLimitsRequest? Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return null;
        int? limit = null, minutes = null;
        var unlimited = false;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "concurrentCallLimit" when WholeNumber(property.Value, out var value):
                    limit = value;
                    break;
                case "monthlyMinutes" when property.Value.ValueKind == JsonValueKind.Null:
                    unlimited = true;
                    break;
                case "monthlyMinutes" when WholeNumber(property.Value, out var value):
                    minutes = value;
                    break;
                default:
                    return null;
            }
        }

        return new ChangeLimitsRequest(limit, minutes) { UnlimitedMinutes = unlimited };
    }

    private static bool WholeNumber(JsonElement value, out int number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out number);
    }
}
