using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// A telephony platform as the tests call through it. The behaviours the contract gives every provider are tested
/// once per caller; what differs is where the credentials travel and so when admission happens: at the upgrade
/// (Cloudonix: a refused call leaves its trace at once, a failed handshake fails its run) or after <c>start</c>
/// (Twilio: a call refused or broken before <c>start</c> leaves no run at all).
/// </summary>
public abstract class Caller
{
    public static Caller Cloudonix { get; } = new CloudonixCaller();
    public static Caller Twilio { get; } = new TwilioCaller();

    public abstract SimulatedProvider Provider { get; }

    /// <summary>The run's mode for this provider's calls.</summary>
    public abstract string Mode { get; }

    /// <summary>True when the call is admitted before the handshake (credentials in the URL).</summary>
    public abstract bool AdmitsAtUpgrade { get; }

    /// <summary>The account SID this caller's calls carry, as the run's <c>account_sid</c> shows it.</summary>
    public abstract string AccountSid { get; }

    /// <summary>A call to the tenant's agent with the tenant's key, as this platform places it.</summary>
    public SimulatedCallOptions CallTo(Uri baseAddress, Tenant tenant) => new()
    {
        Provider = Provider,
        ServerBaseAddress = baseAddress,
        AgentUuid = tenant.AgentUuid.ToString(),
        ApiKey = tenant.ApiKey.Value,
        Session = "cx-session-token",
        AccountSid = AccountSid,
        CallId = "sip-call-1@pbx",
        From = "+15550001111",
        To = "+15550002222",
    };

    public override string ToString() => Mode;

    private sealed class CloudonixCaller : Caller
    {
        public override SimulatedProvider Provider => SimulatedProvider.Cloudonix;
        public override string Mode => "cloudonix";
        public override bool AdmitsAtUpgrade => true;
        public override string AccountSid => "acme";
    }

    private sealed class TwilioCaller : Caller
    {
        public override SimulatedProvider Provider => SimulatedProvider.Twilio;
        public override string Mode => "twilio";
        public override bool AdmitsAtUpgrade => false;
        public override string AccountSid => "AC0123456789abcdef0123456789abcdef";
    }
}
