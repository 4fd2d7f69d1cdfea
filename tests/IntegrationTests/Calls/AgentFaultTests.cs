using CleanAgent.Application.Calls;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>An agent that fails mid-call: the caller gets 1011, the run ends failed, the slot is freed.</summary>
public sealed class AgentFaultTests(AgentFaultTests.Fixture fixture) : IClassFixture<AgentFaultTests.Fixture>
{
    public sealed class Fixture : MediaHostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ICallAgentFactory>(new BrokenAgentFactory());
    }

    [Fact]
    public async Task AgentThatThrows_ClosesWith1011_AndTheRunFailsServerError()
    {
        var tenant = await fixture.Host.CreateTenantAsync(concurrentCallLimit: 1);

        var call = await SimulatedCall.RunAsync(fixture.CallTo(tenant) with
        {
            OutboundFrames = MuLawFrames.Silence(100),
            SendStop = false,
            MaxCallDuration = TimeSpan.FromSeconds(20),
        }, TestContext.Current.CancellationToken);

        Assert.Equal(1011, call.CloseCode);
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal(WorkflowRunState.Failed, run.State);
        Assert.Equal(RunEndReason.ServerError, run.EndReason);
        Assert.Equal(0, await fixture.ReservationsAsync(tenant));
        Assert.Contains(fixture.Host.Logs.Entries, l => l.Contains(BrokenAgent.Failure, StringComparison.Ordinal));
    }

    private sealed class BrokenAgentFactory : ICallAgentFactory
    {
        public ICallAgent Create(CallAgentContext context) => new BrokenAgent();
    }

    private sealed class BrokenAgent : ICallAgent
    {
        public const string Failure = "the speech service went away";

        public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
        {
            await foreach (var callEvent in call.Events.ReadAllAsync(cancellationToken))
            {
                callEvent.Audio?.Dispose();
                throw new InvalidOperationException(Failure);
            }
        }
    }
}
