using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>What every dashboard page must pass: readable at 1280 and 390 px (no sideways scrolling), and axe-core's check.</summary>
public static class PageChecks
{
    /// <summary>
    /// Screenshots the page at 1280 px and at 390 px (a phone) under the test output, and asserts at each width that the
    /// page does not scroll sideways and that axe-core finds no serious or critical violation.
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

            var results = await page.RunAxe();
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{name} at {width} px: axe-core: " + string.Join("; ", serious.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
        }

        await page.SetViewportSizeAsync(1280, 900);
    }

    /// <summary>
    /// Presses Tab (Shift+Tab with <paramref name="backwards"/>) until the focused element matches <paramref name="selector"/>,
    /// as a keyboard user moves through the page; fails if it is not reached in <paramref name="most"/> presses.
    /// </summary>
    public static async Task TabToAsync(IPage page, string selector, bool backwards = false, int most = 80)
    {
        for (var i = 0; i < most; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector)) return;
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector)) return;
        Assert.Fail($"{selector} was not reached in {most} presses of {(backwards ? "Shift+Tab" : "Tab")}; the focus is on " +
                    await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'"));
    }

    /// <summary>The focused element shows that it has the focus: it matches :focus-visible and draws an outline.</summary>
    public static async Task AssertFocusIsVisibleAsync(IPage page)
    {
        var focus = await page.EvaluateAsync<string[]>("""
            () => {
              const e = document.activeElement, style = getComputedStyle(e);
              return [String(e.matches(':focus-visible')), style.outlineStyle, style.outlineWidth, e.outerHTML.slice(0, 120)];
            }
            """);
        Assert.True(focus[0] == "true" && focus[1] != "none" && focus[2] != "0px",
            $"the focus is not visible on {focus[3]}: :focus-visible {focus[0]}, outline {focus[1]} {focus[2]}");
    }
}
