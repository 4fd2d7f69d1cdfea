using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Application.Voice;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>Adds what a provider used to the run's totals for that stage, provider and model.</summary>
/// <param name="Provider">A name or host (<c>openai</c>, <c>vllm.internal:8000</c>), never a URL.</param>
/// <param name="AudioSeconds">Caller audio sent to speech-to-text, or agent audio produced by text-to-speech.</param>
public sealed record AddRunUsage(
    Guid RunId,
    VoiceStage Stage,
    string Provider,
    string Model,
    long PromptTokens,
    long CompletionTokens,
    long Characters,
    double AudioSeconds) : ICommand<Result>;

internal sealed class AddRunUsageValidator : AbstractValidator<AddRunUsage>
{
    public AddRunUsageValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Stage).IsInEnum();
        RuleFor(x => x.Provider).Must(RunProviderUsage.IsValidProvider)
            .WithMessage($"A provider is a name or host of at most {RunProviderUsage.MaxProviderLength} characters (letters, digits, '.', '-', '_', ':').");
        RuleFor(x => x.Model).Must(RunProviderUsage.IsValidModel)
            .WithMessage($"A model name is at most {RunProviderUsage.MaxModelLength} printable characters.");
        RuleFor(x => x.PromptTokens).GreaterThanOrEqualTo(0);
        RuleFor(x => x.CompletionTokens).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Characters).GreaterThanOrEqualTo(0);
        RuleFor(x => x.AudioSeconds).Must(s => double.IsFinite(s) && s >= 0).WithMessage("Audio seconds cannot be negative.");
    }
}

internal sealed class AddRunUsageHandler(IAppDbContext db) : ICommandHandler<AddRunUsage, Result>
{
    public async ValueTask<Result> Handle(AddRunUsage command, CancellationToken cancellationToken)
    {
        var stage = command.Stage switch
        {
            VoiceStage.SpeechToText => UsageStage.SpeechToText,
            VoiceStage.Llm => UsageStage.Llm,
            _ => UsageStage.TextToSpeech,
        };

        var totals = await db.RunProviderUsages.SingleOrDefaultAsync(
            u => u.RunId == command.RunId && u.Stage == stage && u.Provider == command.Provider && u.Model == command.Model, cancellationToken);
        if (totals is null)
        {
            if (!await db.WorkflowRuns.AnyAsync(r => r.Id == command.RunId, cancellationToken)) return new Error(ErrorKind.NotFound, "Run not found.");
            totals = RunProviderUsage.Start(command.RunId, stage, command.Provider, command.Model);
            db.RunProviderUsages.Add(totals);
        }

        // One call's journal is the only writer of its run's totals, one record at a time: no concurrent adds to race.
        totals.Add(command.PromptTokens, command.CompletionTokens, command.Characters, command.AudioSeconds);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
