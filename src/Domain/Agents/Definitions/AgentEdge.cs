using System.Text;

namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>
/// A transition between two nodes, offered to the LLM on its source node as the tool <see cref="ToolName"/>,
/// described by <see cref="Condition"/>.
/// </summary>
/// <param name="TransitionSpeech">Spoken when the transition is taken (may hold placeholders); null when absent or blank.</param>
public sealed record AgentEdge(string Id, string Source, string Target, string Label, string Condition, string? TransitionSpeech)
{
    /// <summary>The LLM tool that takes this edge: the label lower-cased, every non-alphanumeric character as <c>_</c>.</summary>
    public string ToolName { get; } = ToToolName(Label);

    public static string ToToolName(string label)
    {
        var name = new StringBuilder(label.Length);
        foreach (var c in label.ToLowerInvariant()) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return name.ToString();
    }
}
