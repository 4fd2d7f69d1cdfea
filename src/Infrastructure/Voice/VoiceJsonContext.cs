using System.Text.Json.Serialization;
using CleanAgent.Infrastructure.Voice.OpenAi;

namespace CleanAgent.Infrastructure.Voice;

/// <summary>Source-generated JSON for the requests the voice adapters send (no reflection on the call path).</summary>
[JsonSerializable(typeof(OpenAiSpeechSynthesizer.SpeechRequest))]
internal sealed partial class VoiceJsonContext : JsonSerializerContext;
