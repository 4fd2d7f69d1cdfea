namespace CleanAgent.Application.Common;

/// <summary>
/// The kinds of expected failure a use case reports. Each maps to one WebSocket close code and one HTTP
/// status in a single place (Web's result mapping); exceptions are reserved for faults.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input broke a rule of the use case.</summary>
    Validation,

    /// <summary>Missing, unknown, or archived credentials.</summary>
    Unauthorized,

    /// <summary>Absent — or outside the caller's organization, which must look exactly the same.</summary>
    NotFound,

    /// <summary>A telephony provider name nobody knows.</summary>
    UnknownProvider,

    /// <summary>A capability that exists in the world but not in CleanAgent yet.</summary>
    Unsupported,

    /// <summary>Provider-level parameters or handshake are missing or malformed.</summary>
    ProviderHandshake,

    /// <summary>The provider sent nothing in time during the handshake.</summary>
    ProviderHandshakeTimeout,

    /// <summary>An organization limit (concurrent calls, monthly minutes) is reached.</summary>
    QuotaExceeded,

    /// <summary>The state of the target does not allow the operation.</summary>
    Conflict,

    /// <summary>A speech or language provider a call needs lacks a setting (e.g. an API key for a hosted service).</summary>
    ProviderNotConfigured,
}
