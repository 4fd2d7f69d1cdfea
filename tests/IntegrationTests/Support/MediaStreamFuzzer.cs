using System.Net.WebSockets;
using System.Text;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// Hostile and broken provider → CleanAgent frames, from a seeded <see cref="Random"/> (the same seed gives the same
/// frames). None is a <c>stop</c> or a <c>#</c>: whatever they are, the call must go on. Invalid UTF-8 travels in
/// binary frames only: in a text frame it breaks the WebSocket protocol itself, which must end the call (RFC 6455
/// §8.1; see <c>HostileFrameTests</c>).
/// </summary>
public static class MediaStreamFuzzer
{
    private const string ValidPayload = "//////////8=";

    private static readonly string[] WrongTypes =
    [
        """{"event":5}""", """{"event":null}""", """{"event":["media"]}""", """{"event":{"x":1}}""", """{"event":true}""",
        """{"event":"media","media":5}""", """{"event":"media","media":[]}""", """{"event":"media","media":"x"}""",
        """{"event":"media","media":{"payload":12}}""", """{"event":"media","media":{"payload":null}}""",
        """{"event":"media","media":{"payload":["AAAA"]}}""", """{"event":"media","media":{"payload":{"a":1}}}""",
        """{"event":"media","media":{"track":7,"payload":"AAAA"}}""", """{"event":"dtmf","dtmf":{"digit":["1"]}}""",
        """{"event":"dtmf","dtmf":{"digit":""}}""", """{"event":"dtmf","dtmf":"1"}""", """{"event":"mark","mark":{"name":7}}""",
        """{"event":"mark","mark":"x"}""", """{"event":"mark"}""", """{"event":"dtmf"}""", """{"event":"media"}""", "[]", "5", "\"media\"", "null",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e999999", "-1e999999", "99999999999999999999999999999999999999999999", "1.7976931348623157e309", "-0", "0.000000000000000000000001e-999",
    ];

    private static readonly string[] OddBase64 =
    [
        "%%%", "AAA", "AA===", "A", "====", "AA AA", "\\u0041\\u0041\\u0041\\u0041", "", " ", "AAAA\\n", "\\/\\/\\/\\/", "////\\u0000",
        "QUJD\\r\\nREVG", "-_-_", "AAAA====AAAA", new string('A', 20_001),
    ];

    private static readonly string[] LoneSurrogates =
    [
        """{"event":"\ud800"}""", """{"event":"media","media":{"track":"in\udfff","payload":"AAAA"}}""",
        """{"event":"mark","mark":{"name":"\ud800x"}}""", """{"event":"dtmf","dtmf":{"digit":"\udc00"}}""",
        """{"event":"media","media":{"payload":"AA\ud800AA"}}""", """{"ev\ud800ent":"media"}""", """{"event":"media","streamSid":"\ud800"}""",
    ];

    private static readonly string[] UnknownEvents =
    [
        """{"event":"clear"}""", """{"event":"connected","protocol":"Call"}""", """{"event":"something-new","x":[1,2,{"y":null}]}""",
        """{"event":"MEDIA","media":{"payload":"AAAA"}}""", """{"event":"media ","media":{"payload":"AAAA"}}""", """{}""",
        """{"event":"dtmf","dtmf":{"digit":"A"}}""", """{"event":"dtmf","dtmf":{"digit":"1"}}""", """{"event":"dtmf","dtmf":{"digit":"*"}}""",
        """{"event":"mark","mark":{"name":"not-ours"}}""",
    ];

    /// <summary><paramref name="count"/> frames, each with its WebSocket message type.</summary>
    public static IReadOnlyList<(byte[] Bytes, WebSocketMessageType Type)> Frames(int seed, int count)
    {
        var random = new Random(seed);
        var frames = new List<(byte[], WebSocketMessageType)>(count);
        for (var i = 0; i < count; i++) frames.Add(Next(random));
        return frames;
    }

    private static (byte[] Bytes, WebSocketMessageType Type) Next(Random random) => random.Next(15) switch
    {
        0 => (RandomBytes(random, random.Next(0, 2000)), WebSocketMessageType.Binary),
        1 => Text(RandomAscii(random, random.Next(0, 500))),
        2 => Text(Truncated(random, Media(ValidPayload))),
        3 => Text(Flipped(random, Media(ValidPayload))),
        4 => Text(Pick(random, WrongTypes)),
        5 => Text($$$"""{"event":"media","sequenceNumber":{{{Pick(random, HugeNumbers)}}},"media":{"chunk":{{{Pick(random, HugeNumbers)}}},"timestamp":{{{Pick(random, HugeNumbers)}}},"payload":"{{{ValidPayload}}}"}}"""),
        6 => Text(DeeplyNested(random.Next(10, 20_000))),
        7 => Text(Media(Pick(random, OddBase64))),
        8 => Text(Media(Convert.ToBase64String(RandomBytes(random, Pick(random, [0, 1, 159, 161, 10_000]))))),
        9 => (InvalidUtf8(random), WebSocketMessageType.Binary),
        10 => Text(Pick(random, LoneSurrogates)),
        11 => Text(new string(' ', random.Next(65 * 1024, 200 * 1024)) + Media(ValidPayload)),
        12 => Text(Pick(random, UnknownEvents)),
        13 => Text("""{"event":"start","sequenceNumber":"1","start":{"streamSid":"MZ-second","callSid":"CA-second","tracks":["inbound"],"customParameters":{"x":"y"}}}"""),
        _ => Text($$$"""{"event":"media","streamSid":"MZ-{{{random.Next()}}}","media":{"payload":"{{{ValidPayload}}}"}}"""),
    };

    private static string Media(string payload) =>
        $$$"""{"event":"media","sequenceNumber":"3","media":{"track":"inbound","chunk":"2","timestamp":"40","payload":"{{{payload}}}"}}""";

    private static (byte[], WebSocketMessageType) Text(string text) => (Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Printable ASCII: always valid UTF-8, rarely valid JSON.</summary>
    private static string RandomAscii(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)random.Next(0x20, 0x7F);
        return new string(chars);
    }

    private static string Truncated(Random random, string json) => json[..random.Next(0, json.Length)];

    /// <summary>A few characters replaced by printable ASCII (a media frame cannot turn into a stop or a '#' this way).</summary>
    private static string Flipped(Random random, string json)
    {
        var chars = json.ToCharArray();
        for (var flips = random.Next(1, 6); flips > 0; flips--) chars[random.Next(chars.Length)] = (char)random.Next(0x20, 0x7F);
        return new string(chars);
    }

    private static string DeeplyNested(int depth) =>
        """{"event":"media","media":{"payload":"AAAA","x":""" + new string('[', depth) + new string(']', depth) + "}}";

    private static byte[] InvalidUtf8(Random random) => Pick<byte[]>(random,
    [
        [0xff, 0xfe], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0x7b, 0x22, 0x80, 0x22, 0x7d], [0xf8, 0x88, 0x80, 0x80, 0x80],
    ]);
}
