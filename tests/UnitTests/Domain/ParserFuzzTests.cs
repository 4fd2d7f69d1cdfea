using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.UnitTests.Fuzzing;

namespace CleanAgent.UnitTests.Domain;

/// <summary>Mutated and random JSON never makes the parsers throw: they answer valid, or invalid with errors.</summary>
public sealed class ParserFuzzTests
{
    private const int Seed = 20_260_601;
    private const int Iterations = 3000;

    [Fact]
    public void DefinitionParser_OnMutatedJson_ReturnsErrorsAndNeverThrows()
    {
        var mutator = new JsonMutator(Seed);
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(FuzzSeeds.DefinitionWithEverything);
            AgentDefinitionParseResult parsed;
            try
            {
                parsed = AgentDefinition.Parse(input);
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {mutator.Seed}, iteration {i}: {ex.GetType().Name}: {ex.Message}\ninput: {Preview(input)}");
                return;
            }

            Assert.True(parsed.IsValid == (parsed.Errors.Count == 0), $"seed {mutator.Seed}, iteration {i}: valid with errors, or invalid without\ninput: {Preview(input)}");
            Assert.True(parsed.IsValid == parsed.Definition is not null, $"seed {mutator.Seed}, iteration {i}");
        }
    }

    [Fact]
    public void ConfigurationsParser_OnMutatedJson_ReturnsErrorsAndNeverThrows()
    {
        var mutator = new JsonMutator(Seed);
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(FuzzSeeds.Configurations);
            AgentConfigurationsParseResult parsed;
            try
            {
                parsed = AgentConfigurations.Parse(input);
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {mutator.Seed}, iteration {i}: {ex.GetType().Name}: {ex.Message}\ninput: {Preview(input)}");
                return;
            }

            Assert.True(parsed.IsValid == (parsed.Errors.Count == 0), $"seed {mutator.Seed}, iteration {i}: valid with errors, or invalid without\ninput: {Preview(input)}");
        }
    }

    [Fact]
    public void Mutations_ReachBothOutcomes_SoTheFuzzTestsExerciseTheValidator()
    {
        // Guards the fuzzing itself: if every mutant were rejected as unparsable, the tests above would
        // prove nothing about the checks behind the JSON syntax.
        var mutator = new JsonMutator(Seed);
        var outcomes = Enumerable.Range(0, 500).Select(_ => AgentDefinition.Parse(mutator.Mutate(FuzzSeeds.DefinitionWithEverything))).ToList();

        Assert.Contains(outcomes, o => o.IsValid);
        Assert.Contains(outcomes, o => !o.IsValid && o.Errors.All(e => !e.Contains("not valid JSON", StringComparison.Ordinal)));
    }

    private static string Preview(string input) => input.Length <= 400 ? input : input[..400] + "…";
}
