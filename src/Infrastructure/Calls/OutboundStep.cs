namespace CleanAgent.Infrastructure.Calls;

/// <summary>One step of the outbound order: a run of <see cref="Frames"/> consecutive frames, a mark, or a clear.</summary>
internal readonly record struct OutboundStep(OutboundStepKind Kind, int Frames = 0, string? Mark = null);
