namespace CleanAgent.Domain.Common;

/// <summary>A rule of the domain was broken by the caller: a programming fault, not an expected outcome.</summary>
public class DomainException(string message) : Exception(message);
