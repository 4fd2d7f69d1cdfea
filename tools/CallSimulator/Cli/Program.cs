namespace CleanAgent.CallSimulator.Cli;

/// <summary>Entry point of the <c>CleanAgent.CallSimulator</c> tool. Not a top-level program: the integration tests
/// reference this assembly next to the Web host, whose <c>Program</c> must stay the only one in the global namespace.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CallSimulatorCli.RunAsync(args);
}
