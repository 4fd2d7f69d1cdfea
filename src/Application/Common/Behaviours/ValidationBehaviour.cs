using System.Text.Json;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Common.Behaviours;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler. A broken rule comes back as a
/// failed result, not an exception. A rule may name the <see cref="ErrorKind"/> it stands for through its
/// error code (e.g. a missing API key is <see cref="ErrorKind.Unauthorized"/>); otherwise it is a validation error.
/// Only the rule's message is reported, never the attempted value: inputs may carry secrets.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IFailable<TResponse>
{
    private readonly IValidator<TMessage>[] _validators = validators as IValidator<TMessage>[] ?? validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in _validators)
        {
            var outcome = await validator.ValidateAsync(message, cancellationToken);
            if (outcome.IsValid) continue;

            var first = outcome.Errors[0];
            var kind = Enum.TryParse<ErrorKind>(first.ErrorCode, out var named) ? named : ErrorKind.Validation;
            var messages = string.Join(" ", outcome.Errors.Select(e => e.ErrorMessage).Distinct());
            var fields = outcome.Errors
                .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
            return TResponse.Failure(new Error(kind, messages, fields));
        }

        return await next(message, cancellationToken);
    }
}
