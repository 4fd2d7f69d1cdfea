using System.Text.RegularExpressions;

namespace CleanAgent.UnitTests.Architecture;

/// <summary>
/// What the compiled types cannot show: one public type per source file (enums and interfaces carry no code for
/// NetArchTest to locate), and the telephony frame numbers written in one place only.
/// </summary>
public sealed partial class SourceLayoutTests
{
    private static readonly string SourceRoot = Path.Combine(FindRepositoryRoot(), "src");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void EachSourceFile_DeclaresAtMostOnePublicType_NamedAfterTheFile()
    {
        var offenders = SourceFiles()
            .Select(file => (file, names: TopLevelPublicType().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value).Distinct().ToList()))
            .Where(f => f.names.Count > 1 || (f.names.Count == 1 && f.names[0] != Path.GetFileNameWithoutExtension(f.file)))
            .Select(f => $"{Path.GetRelativePath(SourceRoot, f.file)}: {string.Join(", ", f.names)}")
            .ToList();

        Assert.True(offenders.Count == 0, "Files with another public type than their own: " + string.Join("; ", offenders));
    }

    [Fact]
    public void TelephonyFrameNumbers_AreWrittenOnlyInTelephonyAudio()
    {
        // 8 kHz, 20 ms, 160 samples: spelled as literals anywhere else, they drift apart when one changes.
        var offenders = SourceFiles()
            .Where(f => Path.GetFileName(f) != "TelephonyAudio.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && FrameLiteral().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(SourceRoot, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Frame constants spelled out: " + string.Join("; ", offenders));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CleanAgent.sln"))) return dir.FullName;
        throw new InvalidOperationException("CleanAgent.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"^public (?:(?:sealed|static|abstract|partial|readonly|ref|unsafe)\s+)*(?:class|record\s+struct|record|struct|interface|enum|delegate)\s+(?:[\w<>\[\]?,.]+\s+)??(?<name>\w+)(?=\s*[<({:;]|\s*$)", RegexOptions.Multiline)]
    private static partial Regex TopLevelPublicType();

    /// <summary>160 (samples or bytes of a frame), 8000 (the rate), 20 ms (the frame), as bare numbers.</summary>
    [GeneratedRegex(@"(?<![\w.])(?:160|8000|8_000)(?![\w.])|FromMilliseconds\(20\)")]
    private static partial Regex FrameLiteral();
}
