namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>One chat-completions request that reached <see cref="FakeOpenAiApi"/>.</summary>
/// <param name="Authorization">The raw Authorization header, or null when none was sent.</param>
/// <param name="Model">The <c>model</c> field.</param>
/// <param name="Stream">The <c>stream</c> field.</param>
/// <param name="SystemPrompt">The content of the first system (or developer) message, or null.</param>
/// <param name="Messages">Every message as (role, text content); tool-call messages carry their arguments as text.</param>
/// <param name="ToolNames">The names of the function tools offered.</param>
/// <param name="Body">The request body as received.</param>
public sealed record RecordedChatRequest(
    string? Authorization,
    string? Model,
    bool Stream,
    string? SystemPrompt,
    IReadOnlyList<(string Role, string Content)> Messages,
    IReadOnlyList<string> ToolNames,
    string Body);
