using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Organizations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Voice;

/// <summary>
/// An organization's own provider for one voice stage, laid over the server's for its calls from the next one on.
/// The settings are replaced as a whole; the API key is write-only: encrypted before it is stored, never returned,
/// kept when none is given (<paramref name="ApiKey"/> null) and removed with an empty one.
/// </summary>
/// <param name="Provider">Speech-to-text only: <c>openai</c> or <c>deepgram</c> (then <paramref name="BaseUrl"/> too).</param>
public sealed record SetProviderSettings(
    Guid OrganizationId, VoiceStage Stage, string? BaseUrl, string? Model, string? Voice, string? Language, string? Provider, Secret? ApiKey)
    : ICommand<Result<ProviderSettingsView>>;

internal sealed class SetProviderSettingsValidator : AbstractValidator<SetProviderSettings>
{
    public const int MaxApiKeyLength = 1024;

    public SetProviderSettingsValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.Stage).IsInEnum();
        RuleFor(x => x.BaseUrl)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
            .When(x => x.BaseUrl is not null)
            .MaximumLength(OrganizationProviderSettings.MaxUrlLength)
            .WithMessage("Base URL must be an absolute http or https URL without credentials in it.");
        RuleFor(x => x.Model).MaximumLength(OrganizationProviderSettings.MaxNameLength);
        RuleFor(x => x.Voice).MaximumLength(OrganizationProviderSettings.MaxNameLength);
        RuleFor(x => x.Language).MaximumLength(OrganizationProviderSettings.MaxNameLength);
        RuleFor(x => x.Voice).Null().When(x => x.Stage != VoiceStage.TextToSpeech).WithMessage("Voice is a text-to-speech setting.");
        RuleFor(x => x.Language).Null().When(x => x.Stage != VoiceStage.SpeechToText).WithMessage("Language is a speech-to-text setting.");
        RuleFor(x => x.Provider).Null().When(x => x.Stage != VoiceStage.SpeechToText).WithMessage("Provider is a speech-to-text setting.");
        RuleFor(x => x.Provider).Must(p => p is "openai" or "deepgram").When(x => x.Provider is not null).WithMessage("Provider must be openai or deepgram.");
        RuleFor(x => x.BaseUrl).NotNull().When(x => x.Provider is not null).WithMessage("A speech-to-text provider needs its base URL.");
        // Never echo the key: only its length is judged.
        RuleFor(x => x.ApiKey).Must(key => key is not { } given || (given.Value ?? string.Empty).Length <= MaxApiKeyLength).WithMessage($"API key must be at most {MaxApiKeyLength} characters.");
    }
}

internal sealed class SetProviderSettingsHandler(IAppDbContext db, ISecretProtector protector, TimeProvider clock)
    : ICommandHandler<SetProviderSettings, Result<ProviderSettingsView>>
{
    public async ValueTask<Result<ProviderSettingsView>> Handle(SetProviderSettings command, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == command.OrganizationId, cancellationToken))
            return new Error(ErrorKind.NotFound, $"Organization {command.OrganizationId} does not exist.");

        var stage = VoiceStageCode.Of(command.Stage);
        var now = clock.GetUtcNow().UtcDateTime;
        var removeKey = command.ApiKey is { IsBlank: true };
        var protectedKey = command.ApiKey is { IsBlank: false } key ? protector.Protect(SecretPurpose.ProviderApiKey(command.OrganizationId, stage), key) : null;

        var settings = await db.OrganizationProviderSettings.SingleOrDefaultAsync(s => s.OrganizationId == command.OrganizationId && s.Stage == stage, cancellationToken);
        if (settings is null)
        {
            settings = OrganizationProviderSettings.Create(command.OrganizationId, stage, now);
            db.OrganizationProviderSettings.Add(settings);
        }

        settings.Replace(Blank(command.BaseUrl), Blank(command.Model), Blank(command.Voice), Blank(command.Language), command.Provider, protectedKey, removeKey, now);
        await db.SaveChangesAsync(cancellationToken);
        return ProviderSettingsViews.Of(settings);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
