using System.Diagnostics;

namespace CleanAgent.Application.Common.Behaviours;

/// <summary>
/// The activity source of the use-case spans. Application cannot see the server's own source (Infrastructure's
/// <c>CallTracing</c>), so it has one of the same name: listeners subscribe by name, and to a tracer provider the two
/// are one source, <c>CleanAgent</c>.
/// </summary>
internal static class UseCaseSpans
{
    public const string SourceName = "CleanAgent";

    public const string UseCaseAttribute = "cleanagent.use_case";

    public static readonly ActivitySource Source = new(SourceName);
}
