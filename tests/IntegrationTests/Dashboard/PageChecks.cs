using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>What every dashboard page must pass: readable at 1280 and 390 px (no sideways scrolling), and axe-core's check.</summary>
public static class PageChecks
{
    /// <summary>
    /// Screenshots the page at 1280 px and at 390 px (a phone) under the test output, asserts the page does not scroll
    /// sideways at 390 px, and that axe-core finds no serious or critical violation.
    /// </summary>
    public static async Task ScreenshotsAndAccessibilityAsync(IPage page, string name)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });
            var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
            var (scrollWidth, clientWidth) = (widths[0], widths[1]);
            Assert.True(scrollWidth <= clientWidth, $"{name} scrolls sideways at {width} px: {scrollWidth} > {clientWidth}");
        }

        await page.SetViewportSizeAsync(1280, 900);
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: axe-core: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }
}
