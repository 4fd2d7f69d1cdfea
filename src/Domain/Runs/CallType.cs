namespace CleanAgent.Domain.Runs;

public static class CallType
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}
