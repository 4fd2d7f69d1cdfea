using System.Reflection;
using NetArchTest.Rules;

namespace CleanAgent.UnitTests.Architecture;

/// <summary>
/// The dependency rule and the provider seam, checked on the compiled types (NetArchTest): inner layers never
/// reference outer ones, and no telephony provider leaks past its adapter.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(CleanAgent.Domain.Runs.WorkflowRun).Assembly;
    private static readonly Assembly Application = typeof(CleanAgent.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(CleanAgent.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Web = typeof(CleanAgent.Web.DependencyInjection).Assembly;

    /// <summary>Names of the telephony providers CleanAgent has adapters for: they may appear only in Infrastructure.Telephony.</summary>
    private static readonly string[] ProviderNames = ["Cloudonix", "Twilio"];

    private static void AssertHolds(NetArchTest.Rules.TestResult result, string rule) =>
        Assert.True(result.IsSuccessful, $"{rule}: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");

    [Fact]
    public void Domain_DependsOnNothingButTheBaseLibrary()
    {
        Assert.All(Domain.GetReferencedAssemblies().Select(a => a.Name!), name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Domain references {name}"));
    }

    [Fact]
    public void Application_DependsOnNeitherInfrastructureNorWebNorAspNetCore()
    {
        AssertHolds(Types.InAssembly(Application).Should()
            .NotHaveDependencyOnAny("CleanAgent.Infrastructure", "CleanAgent.Web", "Microsoft.AspNetCore").GetResult(),
            "Application types that reach outward");
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnWeb()
    {
        AssertHolds(Types.InAssembly(Infrastructure).Should().NotHaveDependencyOnAny("CleanAgent.Web").GetResult(), "Infrastructure types that use Web");
    }

    [Fact]
    public void Web_UsesNoTelephonyProviderType()
    {
        AssertHolds(Types.InAssembly(Web).Should().NotHaveDependencyOnAny("CleanAgent.Infrastructure.Telephony").GetResult(),
            "Web types that use a provider adapter (they must go through ITelephonyProvider)");
    }

    [Fact]
    public void DomainAndApplication_KnowNoProvider()
    {
        AssertHolds(Types.InAssemblies([Domain, Application]).ShouldNot().HaveNameMatching(string.Join('|', ProviderNames)).GetResult(),
            "Domain or Application types named after a provider");
        AssertHolds(Types.InAssemblies([Domain, Application]).ShouldNot().ResideInNamespaceMatching(string.Join('|', ProviderNames)).GetResult(),
            "Domain or Application namespaces named after a provider");
    }

    [Fact]
    public void ProviderTypes_LiveOnlyInTheirAdapters()
    {
        AssertHolds(Types.InAssemblies([Infrastructure, Web]).That().HaveNameMatching(string.Join('|', ProviderNames))
            .Should().ResideInNamespace("CleanAgent.Infrastructure.Telephony").GetResult(),
            "provider types outside Infrastructure.Telephony");
    }

    [Fact]
    public void Handlers_AreInternalAndSealed()
    {
        var handlers = Types.InAssembly(Application).That().HaveNameEndingWith("Handler");

        Assert.NotEmpty(handlers.GetTypes());
        AssertHolds(handlers.Should().NotBePublic().And().BeSealed().GetResult(), "handlers that are not internal sealed");
    }

    [Fact]
    public void Validators_AreInternalAndSealed()
    {
        var validators = Types.InAssembly(Application).That().Inherit(typeof(FluentValidation.AbstractValidator<>));

        Assert.NotEmpty(validators.GetTypes());
        AssertHolds(validators.Should().NotBePublic().And().BeSealed().GetResult(), "validators that are not internal sealed");
    }

    [Fact]
    public void EveryPublicType_IsInAFileOfItsOwnName()
    {
        // One public type per file, named after it: a reader finds a type by its name.
        AssertHolds(Types.InAssemblies([Domain, Application, Infrastructure, Web]).That().ArePublic().And().AreNotNested()
            .And().DoNotResideInNamespaceContaining(".Migrations") // EF writes those, two types a file
            .Should().HaveSourceFileNameMatchingName().GetResult(), "public types in a file not named after them");
    }
}
