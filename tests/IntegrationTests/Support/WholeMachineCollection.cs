namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// Tests that measure the machine (memory, timing under load) run alone, after the parallel ones, so other test
/// classes neither disturb their figures nor are slowed by their floods.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeMachineCollection
{
    public const string Name = "Whole machine";
}
