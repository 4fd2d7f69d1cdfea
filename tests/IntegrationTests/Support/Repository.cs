namespace CleanAgent.IntegrationTests.Support;

/// <summary>The checkout the tests run in: its root, and the files of its examples/ folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Example(string file) => Path.Combine(Root, "examples", file);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CleanAgent.sln"))) return folder.FullName;
        throw new InvalidOperationException("The tests do not run inside the repository: CleanAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
