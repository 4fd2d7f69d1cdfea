namespace CleanAgent.Application.Common;

/// <summary>Lets generic code (the validation behaviour) build a failed result of any result type.</summary>
public interface IFailable<out TSelf>
{
    static abstract TSelf Failure(Error error);
}
