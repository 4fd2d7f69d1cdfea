namespace CleanAgent.Application.Voice;

/// <summary>Outcome of a provider call that returns one value: the value, or a typed <see cref="ProviderError"/>.</summary>
public sealed class ProviderResult<T>
{
    private readonly T? _value;

    private ProviderResult(T? value, ProviderError? error)
    {
        _value = value;
        Error = error;
    }

    public ProviderError? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"A failed provider result has no value ({Error!.Kind}).");

    public static ProviderResult<T> Success(T value) => new(value, null);

    public static ProviderResult<T> Failure(ProviderError error) => new(default, error);

    public static implicit operator ProviderResult<T>(T value) => Success(value);

    public static implicit operator ProviderResult<T>(ProviderError error) => Failure(error);
}
