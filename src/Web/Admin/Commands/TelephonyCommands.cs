using System.CommandLine;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Web.Admin.Commands;

internal static class TelephonyCommands
{
    public static IEnumerable<Command> All(AdminRunner run)
    {
        yield return Set(run);
    }

    private static Command Set(AdminRunner run)
    {
        var organization = new Option<Guid>("--organization") { Required = true, Description = "Organization id" };
        var provider = new Option<string>("--provider") { Required = true, Description = "Telephony provider, e.g. twilio" };
        var accountSid = new Option<string>("--account-sid") { Required = true, Description = "The provider account (Twilio: AC…)" };
        var authToken = new Option<string>("--auth-token") { Required = true, Description = "The account's auth token: stored encrypted, never printed" };
        var command = new Command("set-telephony",
            "Store an organization's credentials at a telephony provider (replacing any it had there): Twilio calls are then signature-checked and hung up through the REST API")
            { organization, provider, accountSid, authToken };
        command.SetAction((parse, ct) => run.Send((sender, c) => sender.Send(new SetTelephonyCredentials(parse.GetValue(organization), parse.GetValue(provider)!,
                parse.GetValue(accountSid)!, new Secret(parse.GetValue(authToken)!)), c),
            set => new { organizationId = set.OrganizationId, provider = set.Provider, accountSid = set.AccountSid, replaced = set.Replaced, updatedAt = set.UpdatedAt }, ct));
        return command;
    }
}
