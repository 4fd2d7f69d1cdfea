using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CleanAgent.Application.Calls;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// The call's recording (<c>recording: true</c>): one WAV, 8 kHz 16-bit mono, caller and agent mixed. Each side goes to
/// its own scratch file while the call runs (nothing large is held in memory): the caller's frames in order, the
/// agent's audio where it plays — after what is already queued, from the moment it was queued — and a clear cuts what
/// had not played yet. At the end the two are summed into the WAV and the scratch files are deleted.
/// Thread-safe: the call's reader writes the caller's side, the turn the agent's.
/// </summary>
internal sealed class CallRecorder : IAsyncDisposable
{
    private const int BytesPerSample = sizeof(short);
    private const int HeaderBytes = 44;
    private const int ChunkSamples = 8192;

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly FileStream _caller;
    private readonly FileStream _agent;
    private long _agentCursor; // in samples: where the next queued agent audio starts playing
    private bool _finished;

    private CallRecorder(string path, FileStream caller, FileStream agent)
    {
        _path = path;
        _caller = caller;
        _agent = agent;
    }

    /// <summary>Starts recording into <paramref name="path"/> (its folder is created).</summary>
    public static CallRecorder Start(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var caller = new FileStream(path + ".caller.part", FileMode.Create, FileAccess.ReadWrite, FileShare.None, 16 * 1024);
        var agent = new FileStream(path + ".agent.part", FileMode.Create, FileAccess.ReadWrite, FileShare.None, 16 * 1024);
        return new CallRecorder(path, caller, agent);
    }

    /// <summary>The next piece of the caller's audio, in order.</summary>
    public void AddCaller(ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            if (!_finished) _caller.Write(MemoryMarshal.AsBytes(pcm));
        }
    }

    /// <summary>Agent audio queued at <paramref name="now"/> (from the start of the call): it plays after what is queued already.</summary>
    public void AddAgent(ReadOnlySpan<short> pcm, TimeSpan now)
    {
        lock (_gate)
        {
            if (_finished) return;
            var start = Math.Max(_agentCursor, ToSamples(now));
            var length = _agent.Length / BytesPerSample;
            if (start > length) WriteSilence(_agent, length, start - length);
            _agent.Position = start * BytesPerSample;
            _agent.Write(MemoryMarshal.AsBytes(pcm));
            _agentCursor = start + pcm.Length;
        }
    }

    /// <summary>The queued agent audio was dropped at <paramref name="now"/>: what had not played is not in the recording.</summary>
    public void Clear(TimeSpan now)
    {
        lock (_gate)
        {
            if (_finished) return;
            var at = ToSamples(now);
            if (_agent.Length / BytesPerSample > at) _agent.SetLength(at * BytesPerSample);
            _agentCursor = Math.Min(_agentCursor, at);
        }
    }

    /// <summary>Mixes the two sides into the WAV; returns its path. Called once, at the end of the call.</summary>
    public async Task<string> FinishAsync()
    {
        lock (_gate) _finished = true;
        await _caller.FlushAsync();
        await _agent.FlushAsync();
        var samples = Math.Max(_caller.Length, _agent.Length) / BytesPerSample;
        _caller.Position = 0;
        _agent.Position = 0;

        await using var wav = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        var header = new byte[HeaderBytes];
        WriteHeader(header, samples);
        await wav.WriteAsync(header);

        var callerBytes = ArrayPool<byte>.Shared.Rent(ChunkSamples * BytesPerSample);
        var agentBytes = ArrayPool<byte>.Shared.Rent(ChunkSamples * BytesPerSample);
        var mixed = ArrayPool<byte>.Shared.Rent(ChunkSamples * BytesPerSample);
        try
        {
            for (long done = 0; done < samples; done += ChunkSamples)
            {
                var count = (int)Math.Min(ChunkSamples, samples - done);
                var bytes = count * BytesPerSample;
                var fromCaller = await ReadFullyAsync(_caller, callerBytes.AsMemory(0, bytes));
                var fromAgent = await ReadFullyAsync(_agent, agentBytes.AsMemory(0, bytes));
                Mix(callerBytes.AsSpan(0, bytes), fromCaller, agentBytes.AsSpan(0, bytes), fromAgent, mixed.AsSpan(0, bytes));
                await wav.WriteAsync(mixed.AsMemory(0, bytes));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(callerBytes);
            ArrayPool<byte>.Shared.Return(agentBytes);
            ArrayPool<byte>.Shared.Return(mixed);
        }

        return _path;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate) _finished = true;
        var caller = _caller.Name;
        var agent = _agent.Name;
        await _caller.DisposeAsync();
        await _agent.DisposeAsync();
        File.Delete(caller);
        File.Delete(agent);
    }

    private static void Mix(ReadOnlySpan<byte> caller, int callerBytes, ReadOnlySpan<byte> agent, int agentBytes, Span<byte> output)
    {
        for (var i = 0; i + 1 < output.Length; i += BytesPerSample)
        {
            var a = i < callerBytes ? BinaryPrimitives.ReadInt16LittleEndian(caller[i..]) : 0;
            var b = i < agentBytes ? BinaryPrimitives.ReadInt16LittleEndian(agent[i..]) : 0;
            BinaryPrimitives.WriteInt16LittleEndian(output[i..], (short)Math.Clamp(a + b, short.MinValue, short.MaxValue));
        }
    }

    private static async Task<int> ReadFullyAsync(FileStream stream, Memory<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..]);
            if (read == 0) break;
            total += read;
        }

        return total;
    }

    private static void WriteSilence(FileStream stream, long from, long samples)
    {
        stream.Position = from * BytesPerSample;
        Span<byte> zeros = stackalloc byte[1024];
        zeros.Clear();
        for (var left = samples * BytesPerSample; left > 0; left -= zeros.Length)
            stream.Write(zeros[..(int)Math.Min(zeros.Length, left)]);
    }

    private static void WriteHeader(Span<byte> header, long samples)
    {
        var dataBytes = (uint)Math.Min(uint.MaxValue - 36, samples * BytesPerSample);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], TelephonyAudio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], TelephonyAudio.SampleRate * BytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], BytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], dataBytes);
    }

    private static long ToSamples(TimeSpan time) => time <= TimeSpan.Zero ? 0 : time.Ticks * TelephonyAudio.SampleRate / TimeSpan.TicksPerSecond;
}
