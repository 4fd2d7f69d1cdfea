using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CleanAgent.IntegrationTests.Dashboard.Chromium))]

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// One headless Chromium for every browser test of the run: Debian's <c>chromium</c> (installed by <c>.ci/run</c>),
/// driven by Playwright, which never downloads a browser of its own here. Without it the browser tests fail, saying
/// so: CI installs it, and a skipped dashboard test would hide a broken dashboard.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the tests' screenshots go: beside the test assembly, under the test output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async ValueTask InitializeAsync()
    {
        // Started only when a browser test asks (see Browser): the rest of the suite runs without it.
        await ValueTask.CompletedTask;
    }

    private readonly SemaphoreSlim _starting = new(1, 1);

    /// <summary>A fresh context (its own cookies, or those of <paramref name="storageState"/>), 1280 px wide, with the clipboard allowed for <paramref name="origin"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri origin, string? storageState = null, int width = 1280)
    {
        await EnsureStartedAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            BaseURL = origin.ToString(),
            Locale = "en-US",
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = origin.GetLeftPart(UriPartial.Authority) });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    private async Task EnsureStartedAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_browser is not null) return;
            if (!File.Exists(ExecutablePath))
                Assert.Fail($"The dashboard's browser tests need Debian's chromium at {ExecutablePath}: apt-get install -y chromium chromium-driver (.ci/run does).");
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // As root (CI), Chromium's sandbox cannot start; /dev/shm is small in containers.
                Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            });
            Directory.CreateDirectory(ScreenshotFolder);
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _starting.Dispose();
    }
}
