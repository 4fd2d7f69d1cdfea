using System.Buffers.Binary;
using System.Diagnostics;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// Real synthesised speech for the VAD accuracy tests: espeak-ng (Debian package <c>espeak-ng</c>) speaks into a
/// temp folder at test time, and the 22.05 kHz result is resampled to 8 kHz here. Nothing binary is committed.
/// </summary>
internal static class EspeakSpeech
{
    public const string InstallCommand = "apt-get install -y espeak-ng";

    /// <summary>Why espeak-ng cannot be used, or null when it can.</summary>
    public static string? Unavailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("espeak-ng", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null) return "espeak-ng could not be started";
            process.WaitForExit(10_000);
            return process.ExitCode == 0 ? null : $"espeak-ng --version exited {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"espeak-ng is not installed (install it with `{InstallCommand}`)";
        }
    }

    /// <summary>Speaks <paramref name="text"/> and returns it as 8 kHz 16-bit PCM.</summary>
    public static short[] Speak8k(string text, string folder, string voice = "en-us", int wordsPerMinute = 160)
    {
        var path = Path.Combine(folder, $"espeak-{Guid.NewGuid():N}.wav");
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", path, text })
            start.ArgumentList.Add(argument);
        using (var process = Process.Start(start)!)
        {
            if (!process.WaitForExit(30_000) || process.ExitCode != 0)
                throw new InvalidOperationException($"espeak-ng failed: {process.StandardError.ReadToEnd()}");
        }

        var (rate, samples) = ReadWav(File.ReadAllBytes(path));
        return Resample(samples, rate, 8000);
    }

    private static (int Rate, short[] Samples) ReadWav(byte[] wav)
    {
        var rate = 0;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(wav, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(offset + 4));
            if (id == "fmt ") rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(offset + 12));
            if (id == "data")
            {
                // espeak-ng writing to a file may leave the size at its maximum: take what is there.
                var length = Math.Min(size < 0 ? int.MaxValue : size, wav.Length - offset - 8) / 2;
                var samples = new short[length];
                for (var i = 0; i < length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset + 8 + (i * 2)));
                return (rate, samples);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException("espeak-ng wrote a WAV without a data chunk.");
    }

    /// <summary>Band-limited (3.6 kHz) windowed-sinc resampling, for test material only.</summary>
    private static short[] Resample(short[] input, int from, int to)
    {
        const int halfTaps = 48;
        var cutoff = 3600.0 / from;
        var output = new short[(int)((long)input.Length * to / from)];
        for (var n = 0; n < output.Length; n++)
        {
            var position = (double)n * from / to;
            var centre = (int)Math.Floor(position);
            var sum = 0.0;
            for (var k = centre - halfTaps + 1; k <= centre + halfTaps; k++)
            {
                if (k < 0 || k >= input.Length) continue;
                var d = position - k;
                var sinc = Math.Abs(d) < 1e-9 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * d) / (Math.PI * d);
                var window = 0.5 + (0.5 * Math.Cos(Math.PI * d / halfTaps));
                sum += input[k] * sinc * window;
            }

            output[n] = (short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue);
        }

        return output;
    }
}
