namespace CleanAgent.Application.Runs;

/// <summary>What a run used: the audio each side produced, and the totals of every stage, provider and model.</summary>
/// <param name="CallerAudioSeconds">Caller audio sent to speech-to-text, all providers together.</param>
/// <param name="AgentAudioSeconds">Agent audio produced by text-to-speech, all providers together.</param>
public sealed record RunUsageDetails(double CallerAudioSeconds, double AgentAudioSeconds, IReadOnlyList<ProviderUsageDetails> Providers);
