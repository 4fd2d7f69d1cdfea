using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Behaviours;
using CleanAgent.Application.Organizations;
using FluentValidation;
using Mediator;

namespace CleanAgent.UnitTests.Application;

public sealed class ValidationBehaviourTests
{
    [Fact]
    public async Task InvalidMessage_NeverReachesTheHandler_AndComesBackAsAValidationResult()
    {
        var behaviour = new ValidationBehaviour<CreateOrganization, Result<Guid>>([new CreateOrganizationValidator()]);
        var handlerCalled = false;

        var result = await behaviour.Handle(new CreateOrganization("", 0, -1), (_, _) =>
        {
            handlerCalled = true;
            return ValueTask.FromResult(Result<Guid>.Success(Guid.NewGuid()));
        }, CancellationToken.None);

        Assert.False(handlerCalled);
        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Contains("Name", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleNamingAnErrorKind_ReportsThatKind()
    {
        var behaviour = new ValidationBehaviour<AuthenticateApiKey, Result<AuthenticatedCaller>>([new AuthenticateApiKeyValidator()]);

        var result = await behaviour.Handle(new AuthenticateApiKey(new Secret("not-a-key")), (_, _) => throw new InvalidOperationException("not reached"), CancellationToken.None);

        Assert.Equal(ErrorKind.Unauthorized, result.Error?.Kind);
        Assert.DoesNotContain("not-a-key", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidMessage_GoesToTheHandler()
    {
        var behaviour = new ValidationBehaviour<CreateOrganization, Result<Guid>>([new CreateOrganizationValidator()]);
        var id = Guid.NewGuid();

        var result = await behaviour.Handle(new CreateOrganization("Acme", 5, null), (_, _) => ValueTask.FromResult(Result<Guid>.Success(id)), CancellationToken.None);

        Assert.Equal(id, result.Value);
    }
}
