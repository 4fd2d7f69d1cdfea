using CleanAgent.Application.Common;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.Api;

/// <summary>A use case's result as an HTTP response: the value through <c>ok</c>, an error as RFC 7807 problem details.</summary>
internal static class ApiResults
{
    public static IResult From<T>(Result<T> result, Func<T, IResult> ok) => result.IsSuccess ? ok(result.Value) : Problem(result.Error!);

    public static IResult From(Result result, Func<IResult> ok) => result.IsSuccess ? ok() : Problem(result.Error!);

    public static IResult Problem(Error error) => ErrorMapping.ToProblem(error);
}
