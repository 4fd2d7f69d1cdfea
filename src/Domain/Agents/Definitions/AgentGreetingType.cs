namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>How a start node's greeting is given: Dograh's <c>greeting_type</c>.</summary>
public enum AgentGreetingType
{
    /// <summary><c>"text"</c> (and the default): the <c>greeting</c> text is spoken by text-to-speech.</summary>
    Text = 0,

    /// <summary>
    /// <c>"audio"</c>: a pre-recorded file (<c>greeting_recording_id</c>) is played. CleanAgent has no
    /// recording store yet, so the runtime treats such a start node as having no greeting.
    /// </summary>
    Audio,
}
