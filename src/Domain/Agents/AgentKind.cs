namespace CleanAgent.Domain.Agents;

/// <summary>What drives an agent's calls.</summary>
public enum AgentKind
{
    /// <summary>The conversation graph, spoken through the voice pipeline (speech-to-text, LLM, text-to-speech).</summary>
    Voice = 0,

    /// <summary>Diagnostic: plays the caller's audio back one second later; <c>#</c> ends the call.</summary>
    Echo = 1,
}
