using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>A hang-up request as either fake platform API recorded it.</summary>
public sealed record ProviderHangup(string CallSid, string? Authorization, int StatusReturned)
{
    public bool Succeeded => StatusReturned is >= 200 and < 300;

    public static ProviderHangup From(RecordedHangup cloudonix) => new(cloudonix.CallSid, cloudonix.Authorization, cloudonix.StatusReturned);

    public static ProviderHangup From(RecordedTwilioHangup twilio) => new(twilio.CallSid, twilio.Authorization, twilio.StatusReturned);
}
