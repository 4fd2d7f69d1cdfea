using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace CleanAgent.UnitTests.Support;

/// <summary>
/// Two real (managed) WebSockets joined by in-memory pipes: the framing, fragmentation, UTF-8 checks and close
/// handshake of the real implementation, without a network.
/// </summary>
public sealed class InMemoryWebSocketPair : IDisposable
{
    public InMemoryWebSocketPair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        Server = WebSocket.CreateFromStream(new DuplexStream(toServer.Reader, toClient.Writer), new WebSocketCreationOptions { IsServer = true });
        Client = WebSocket.CreateFromStream(new DuplexStream(toClient.Reader, toServer.Writer), new WebSocketCreationOptions { IsServer = false });
    }

    public WebSocket Server { get; }
    public WebSocket Client { get; }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
    }

    /// <summary>
    /// The pipes as one stream. Reads go to the pipe directly rather than through <c>PipeReader.AsStream()</c>, whose
    /// read allocates a state machine every time it waits: the whole-session benchmark measures the session's
    /// allocations, not the test transport's.
    /// </summary>
    private sealed class DuplexStream(PipeReader reader, PipeWriter writer) : Stream
    {
        private readonly Stream _in = reader.AsStream();
        private readonly Stream _out = writer.AsStream();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => _out.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            reader.TryRead(out var result) ? ValueTask.FromResult(Take(result, buffer.Span)) : WaitAndReadAsync(buffer, cancellationToken);

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<int> WaitAndReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
            Take(await reader.ReadAsync(cancellationToken), buffer.Span);

        private int Take(ReadResult result, Span<byte> destination)
        {
            if (result.IsCanceled) throw new OperationCanceledException("The read was cancelled.");
            var available = result.Buffer;
            var count = (int)Math.Min(available.Length, destination.Length);
            available.Slice(0, count).CopyTo(destination);
            // An empty read with the writer done is the end of the stream (0); otherwise there is always data here.
            reader.AdvanceTo(available.GetPosition(count));
            return count;
        }

        public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _out.WriteAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _in.Dispose();
                _out.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
