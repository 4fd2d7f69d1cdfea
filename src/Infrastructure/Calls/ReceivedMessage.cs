namespace CleanAgent.Infrastructure.Calls;

/// <summary>One whole message; its payload is valid until the next receive.</summary>
public readonly record struct ReceivedMessage(ReceivedKind Kind, ReadOnlyMemory<byte> Payload);
