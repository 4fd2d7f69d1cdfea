namespace CleanAgent.Application.Common;

/// <summary>
/// The kinds of expected failure a use case reports. Each maps to one WebSocket close code and one HTTP
/// status in a single place (Web's result mapping); exceptions are reserved for faults.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input broke a rule of the use case.</summary>
    Validation,

    /// <summary>Missing, unknown, or archived credentials.</summary>
    Unauthorized,

    /// <summary>Absent — or outside the caller's organization, which must look exactly the same.</summary>
    NotFound,

    /// <summary>A telephony provider name nobody knows.</summary>
    UnknownProvider,

    /// <summary>A capability that exists in the world but not in CleanAgent yet.</summary>
    Unsupported,

    /// <summary>Provider-level parameters or handshake are missing or malformed.</summary>
    ProviderHandshake,

    /// <summary>The provider sent nothing in time during the handshake.</summary>
    ProviderHandshakeTimeout,

    /// <summary>An organization limit (concurrent calls, monthly minutes) is reached.</summary>
    QuotaExceeded,

    /// <summary>The state of the target does not allow the operation.</summary>
    Conflict,
}

/// <summary>An expected failure: what kind, and a short message that is safe to show (never a secret).</summary>
public sealed record Error(ErrorKind Kind, string Message);

/// <summary>Lets generic code (the validation behaviour) build a failed result of any result type.</summary>
public interface IFailable<out TSelf>
{
    static abstract TSelf Failure(Error error);
}

/// <summary>Outcome of a use case without a value.</summary>
public sealed class Result : IFailable<Result>
{
    private static readonly Result SuccessInstance = new(null);

    private Result(Error? error) => Error = error;

    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static Result Success() => SuccessInstance;
    public static Result Failure(Error error) => new(error);

    public static implicit operator Result(Error error) => Failure(error);
}

/// <summary>Outcome of a use case with a value.</summary>
public sealed class Result<T> : IFailable<Result<T>>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"A failed result has no value ({Error!.Kind}).");

    public static Result<T> Success(T value) => new(value, null);
    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);
}
