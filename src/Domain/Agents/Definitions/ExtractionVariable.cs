namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>
/// One variable a node asks the LLM to extract from the conversation when the conversation leaves the node
/// (<c>extraction_variables</c> entry). <see cref="Name"/> is unique within its node and becomes a key of
/// the run's gathered context, usable as a <c>{{name}}</c> placeholder afterwards.
/// </summary>
/// <param name="Prompt">The per-variable hint for the extractor, if the author gave one.</param>
public sealed record ExtractionVariable(string Name, ExtractionVariableType Type, string? Prompt);
