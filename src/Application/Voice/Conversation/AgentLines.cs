namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// Fixed lines the voice agent speaks itself, without the LLM: they are needed exactly when the LLM cannot be
/// asked (it failed, or there is no time left), and fixed text keeps them short and predictable.
/// </summary>
public static class AgentLines
{
    /// <summary>After the idle timeout of silence, asked once.</summary>
    public const string StillThere = "Are you still there?";

    /// <summary>After the idle timeout again, before ending the call with <c>user_idle</c>.</summary>
    public const string IdleGoodbye = "I haven't heard from you, so I'll end the call now. Goodbye.";

    /// <summary>Played while a failed provider call is retried, so the caller never waits in silence.</summary>
    public const string OneMoment = "One moment, please.";

    /// <summary>When the retry failed too, before ending the call with <c>provider_error</c>.</summary>
    public const string ProviderErrorApology = "I'm sorry, I'm having technical difficulties and have to end the call. Please call back later. Goodbye.";

    /// <summary>When the call reaches its longest allowed duration, before ending it with <c>max_duration</c>.</summary>
    public const string MaxDurationGoodbye = "I'm sorry, we've reached the time limit for this call. Thank you for calling. Goodbye.";
}
