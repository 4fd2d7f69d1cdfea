namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>A tool call in a <see cref="FakeChatReply"/>.</summary>
/// <param name="Id">The call id, sent in the first delta (<c>call_…</c>).</param>
/// <param name="Name">The function name, sent in the first delta.</param>
/// <param name="ArgumentParts">The JSON arguments, split across deltas: together they must form the whole JSON.</param>
public sealed record FakeToolCall(string Id, string Name, IReadOnlyList<string> ArgumentParts)
{
    /// <summary>The whole arguments JSON.</summary>
    public string Arguments => string.Concat(ArgumentParts);
}
