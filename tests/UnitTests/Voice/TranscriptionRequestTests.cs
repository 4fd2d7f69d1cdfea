using System.Buffers.Binary;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Voice.OpenAi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CleanAgent.UnitTests.Voice;

public sealed class TranscriptionRequestTests
{
    [Fact]
    public void Wav_HasACanonicalPcm16MonoHeader_AndTheSamplesLittleEndian()
    {
        short[] samples = [0, 1, -1, short.MaxValue, short.MinValue];

        var wav = PcmWavWriter.ToArray(samples, 8000);

        Assert.Equal(44 + 10, wav.Length);
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal(36u + 10, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVEfmt "u8.ToArray(), wav[8..16]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(20))); // PCM
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(22))); // mono
        Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(16000u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(28)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(34)));
        Assert.Equal("data"u8.ToArray(), wav[36..40]);
        Assert.Equal(10u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(40)));
        Assert.Equal(samples, Enumerable.Range(0, 5).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (i * 2)))));
    }

    [Fact]
    public async Task Multipart_CarriesTheWavAsFile_AndModelLanguagePromptAndJsonFormat()
    {
        var wav = PcmWavWriter.ToArray(new short[800], 8000);
        using var content = TranscriptionRequest.Build(wav, "whisper-1", "en", ["CleanAgent", " ", "Cloudonix"]);

        var parts = await ReadPartsAsync(content);

        Assert.Equal(["file", "model", "language", "prompt", "response_format"], parts.Select(p => p.Name));
        var file = parts[0];
        Assert.Equal("utterance.wav", file.FileName);
        Assert.Equal("audio/wav", file.ContentType);
        Assert.Equal(wav, file.Body);
        Assert.Equal("whisper-1", parts[1].Text);
        Assert.Equal("en", parts[2].Text);
        Assert.Equal("CleanAgent, Cloudonix", parts[3].Text);
        Assert.Equal("json", parts[4].Text);
    }

    [Fact]
    public async Task Multipart_LeavesOutAnEmptyLanguageAndPrompt()
    {
        using var content = TranscriptionRequest.Build(PcmWavWriter.ToArray([], 8000), "whisper-1", "", []);

        var parts = await ReadPartsAsync(content);

        Assert.Equal(["file", "model", "response_format"], parts.Select(p => p.Name));
    }

    [Fact]
    public void Prompt_StopsAtAWholeTermBeforeItsLimit()
    {
        var terms = Enumerable.Range(0, 200).Select(i => $"term{i:000}").ToList();

        var prompt = TranscriptionRequest.Prompt(terms)!;

        Assert.True(prompt.Length <= TranscriptionRequest.MaxPromptCharacters);
        Assert.EndsWith("term", prompt[..^3], StringComparison.Ordinal);
        Assert.Null(TranscriptionRequest.Prompt([" ", ""]));
    }

    private static async Task<List<(string Name, string? FileName, string? ContentType, byte[] Body, string Text)>> ReadPartsAsync(MultipartFormDataContent content)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(content.Headers.ContentType!.ToString()).Boundary).Value!;
        var reader = new MultipartReader(boundary, await content.ReadAsStreamAsync());
        var parts = new List<(string, string?, string?, byte[], string)>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            parts.Add((HeaderUtilities.RemoveQuotes(disposition.Name).Value!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, section.ContentType, bytes, System.Text.Encoding.UTF8.GetString(bytes)));
        }

        return parts;
    }
}
