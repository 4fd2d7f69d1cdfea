using System.Reflection;

namespace CleanAgent.UnitTests.Architecture;

/// <summary>The dependency rule, checked on the compiled assemblies: inner layers never reference outer ones.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(CleanAgent.Domain.Runs.WorkflowRun).Assembly;
    private static readonly Assembly Application = typeof(CleanAgent.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(CleanAgent.Infrastructure.DependencyInjection).Assembly;

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Domain_DependsOnNothingButTheBaseLibrary()
    {
        Assert.All(References(Domain), name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Domain references {name}"));
    }

    [Fact]
    public void Application_DoesNotReferenceInfrastructureOrWeb()
    {
        Assert.DoesNotContain("CleanAgent.Infrastructure", References(Application));
        Assert.DoesNotContain("CleanAgent.Web", References(Application));
        Assert.DoesNotContain(References(Application), name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Infrastructure_DoesNotReferenceWeb()
    {
        Assert.DoesNotContain("CleanAgent.Web", References(Infrastructure));
    }

    [Fact]
    public void Handlers_AreInternalAndSealed()
    {
        var handlers = Application.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name.EndsWith("Handler`2", StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.True(h.IsNotPublic && h.IsSealed, $"{h.Name} should be internal sealed"));
    }
}
