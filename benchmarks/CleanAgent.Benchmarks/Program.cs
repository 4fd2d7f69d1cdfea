using BenchmarkDotNet.Running;

namespace CleanAgent.Benchmarks;

/// <summary>Entry point: pick benchmarks with BenchmarkDotNet's usual arguments, e.g. <c>--filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
