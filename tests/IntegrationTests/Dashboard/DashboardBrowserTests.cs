using System.Text.RegularExpressions;
using CleanAgent.Application.Runs;
using CleanAgent.CallSimulator;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.Playwright;

namespace CleanAgent.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium against the real host (Kestrel, a SQLite file, real WebSocket calls): the Runs tab
/// live, its filters and paging in the URL, the UUID copy buttons, the Agent Stream URL builder, API keys shown once and
/// archived, another organization's pages, anti-forgery, and every page's screenshots and accessibility.
/// </summary>
public sealed partial class DashboardBrowserTests(DashboardHostFixture fixture, Chromium chromium) : IClassFixture<DashboardHostFixture>
{
    private CleanAgentHost Host => fixture.Host;

    [Fact]
    public async Task RunsTab_ShowsACallWhileItRuns_ThenItsEndAndDuration_WithoutAReload()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var tenant = fixture.Tenant;
        await page.GotoAsync($"/agents/{tenant.AgentUuid}/runs");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        // The call simulator places a call of 6 s of tone (then a second's hold and its stop), as Cloudonix would.
        var placed = SimulatedCall.RunAsync(Caller.Cloudonix.CallTo(Host.BaseAddress, tenant) with
        {
            From = "+15550004444",
            OutboundFrames = ToneGenerator.SineFrames(440, 8000, TimeSpan.FromSeconds(6)),
            HoldAfterAudio = TimeSpan.FromSeconds(1),
        }, TestContext.Current.CancellationToken);
        var run = await Eventually.Until(() => Host.Send(new FindRuns(tenant.AgentUuid, tenant.OrganizationId, State: "running")),
            found => found.IsSuccess && found.Value.Items.Count == 1);
        var row = page.Locator($"tr[data-run-id='{run.Value.Items[0].Id}']");
        await Assertions.Expect(row.Locator("[data-column=state]")).ToHaveTextAsync("running");
        await Assertions.Expect(row.Locator("[data-column=duration]")).ToHaveTextAsync("—");
        await Assertions.Expect(row.Locator("[data-column=caller]")).ToHaveTextAsync("+15550004444");
        Assert.False(placed.IsCompleted, "the call ended before the Runs tab showed it running");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder, "runs-live-call-1280.png"), FullPage = true });

        var result = await placed;
        Assert.Null(result.Error);
        Assert.Equal(1000, result.CloseCode);
        await Assertions.Expect(row.Locator("[data-column=state]")).ToHaveTextAsync("completed");
        await Assertions.Expect(row.Locator("[data-column=endReason]")).ToHaveTextAsync("user_hangup");
        await Assertions.Expect(row.Locator("[data-column=duration]")).ToHaveTextAsync(new Regex(DurationText()));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");

        // The row opens the run.
        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/runs/{run.Value.Items[0].Id}$"));
        await Assertions.Expect(page.Locator("[data-run-state]")).ToHaveTextAsync("completed");
        await Assertions.Expect(page.Locator("[data-run-explained]")).ToHaveTextAsync("The caller hung up.");
    }

    [Fact]
    public async Task RunsTab_FiltersAndPage_AreInTheUrl_AndSurviveAReloadAndTheBackButton()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var tenant = fixture.Tenant;
        var refused = await SeedRefusedRunsAsync(tenant, 12, "+15550007");

        await page.GotoAsync($"/agents/{tenant.AgentUuid}/runs");
        await page.SelectOptionAsync("#f-state", "failed");
        await page.SelectOptionAsync("#f-size", "10");
        await page.FillAsync("#f-caller", "5550007");
        await page.ClickAsync("text=Apply");
        await page.WaitForURLAsync(new Regex(@"\?state=failed&caller=5550007&pageSize=10$"));
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator("[data-runs-total]")).ToHaveTextAsync("12 runs; page 1 of 2.");
        var firstPage = await RowIdsAsync(page);
        await AssertNewestFirstAsync(page);

        await page.ClickAsync("text=Next →");
        await page.WaitForURLAsync(new Regex(@"page=2&pageSize=10&state=failed&caller=5550007$"));
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        var secondPage = await RowIdsAsync(page);
        Assert.Equal(refused.Order(), firstPage.Concat(secondPage).Order()); // the two pages are the twelve runs, each once

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-runs-total]")).ToHaveTextAsync("12 runs; page 2 of 2.");
        await Assertions.Expect(page.Locator("#f-state")).ToHaveValueAsync("failed");
        await Assertions.Expect(page.Locator("#f-caller")).ToHaveValueAsync("5550007");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);

        await page.GoBackAsync();
        await page.WaitForURLAsync(new Regex(@"\?state=failed&caller=5550007&pageSize=10$"));
        await Assertions.Expect(page.Locator("[data-runs-total]")).ToHaveTextAsync("12 runs; page 1 of 2.");
        await Assertions.Expect(page.Locator("#f-size")).ToHaveValueAsync("10");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(10);

        // The live update keeps the filters: after a refresh the page still shows the same ten runs, not the unfiltered list.
        var refreshed = await page.Locator("[data-runs-live]").GetAttributeAsync("data-refreshed");
        await Eventually.Until(() => page.Locator("[data-runs-live]").GetAttributeAsync("data-refreshed"), now => now is not null && now != refreshed);
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(10);
        Assert.Equal(firstPage, await RowIdsAsync(page));

        // Nine more runs match while the tab is open: the newest page shows them, and the pager has a third page, no reload.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        var more = await SeedRefusedRunsAsync(tenant, 9, "+15550007");
        await Assertions.Expect(page.Locator("[data-runs-total]")).ToHaveTextAsync("21 runs; page 1 of 3.");
        await Assertions.Expect(page.Locator("[data-page-of]")).ToHaveTextAsync("Page 1 of 3");
        var shown = await RowIdsAsync(page);
        Assert.Equal(10, shown.Count);
        Assert.All(more, id => Assert.Contains(id, shown));
        await AssertNewestFirstAsync(page);
        await Assertions.Expect(page.Locator("a[rel=next]")).ToHaveAttributeAsync("href", new Regex(@"page=2&pageSize=10&state=failed&caller=5550007$"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
    }

    [Fact]
    public async Task RunsTab_ByKeyboardOnly_FiltersPagesAndOpensARun_WithTheFocusVisible()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var tenant = fixture.Tenant;
        var refused = await SeedRefusedRunsAsync(tenant, 12, "+15550008");
        await page.GotoAsync($"/agents/{tenant.AgentUuid}/runs");

        // The filters: a state typed into its select, the page size stepped with an arrow key, a caller typed, Enter.
        await PageChecks.TabToAsync(page, "#f-state");
        await PageChecks.AssertFocusIsVisibleAsync(page);
        await page.Keyboard.TypeAsync("f");
        await Assertions.Expect(page.Locator("#f-state")).ToHaveValueAsync("failed");
        await PageChecks.TabToAsync(page, "#f-size");
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(page.Locator("#f-size")).ToHaveValueAsync("10");
        await PageChecks.TabToAsync(page, "#f-caller", backwards: true);
        await page.Keyboard.TypeAsync("5550008");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"\?state=failed&caller=5550008&pageSize=10$"));
        await Assertions.Expect(page.Locator("[data-runs-total]")).ToHaveTextAsync("12 runs; page 1 of 2.");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(10);

        // Paging: Tab to "Next →", Enter.
        await PageChecks.TabToAsync(page, "a[rel=next]");
        await PageChecks.AssertFocusIsVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"page=2&pageSize=10&state=failed&caller=5550008$"));
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);

        // A row's link: reached by Tab, visibly focused, still focused after the live update has read the rows again.
        await PageChecks.TabToAsync(page, "tbody tr[data-run-id] a");
        await PageChecks.AssertFocusIsVisibleAsync(page);
        var focusedRun = Guid.Parse(await page.EvaluateAsync<string>("() => document.activeElement.closest('tr').dataset.runId"));
        Assert.Contains(focusedRun, refused);
        var refreshed = await page.Locator("[data-runs-live]").GetAttributeAsync("data-refreshed");
        await Eventually.Until(() => page.Locator("[data-runs-live]").GetAttributeAsync("data-refreshed"), now => now is not null && now != refreshed);
        Assert.Equal(focusedRun.ToString(), await page.EvaluateAsync<string?>("() => document.activeElement.closest('tr[data-run-id]')?.dataset.runId ?? null"));
        await PageChecks.AssertFocusIsVisibleAsync(page);

        // Enter opens the run.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"/runs/{focusedRun}$"));
        await Assertions.Expect(page.Locator("[data-run-state]")).ToHaveTextAsync("failed");
    }

    private static async Task<List<Guid>> RowIdsAsync(IPage page) =>
        (await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('tbody tr[data-run-id]')].map(r => r.dataset.runId)")).Select(Guid.Parse).ToList();

    private static async Task AssertNewestFirstAsync(IPage page)
    {
        var created = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('tbody time')].map(t => t.dateTime)");
        var times = created.Select(t => DateTime.Parse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task CopyAgentUuid_AndCopyUuid_PutTheUuidOnTheClipboard()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var uuid = fixture.Tenant.AgentUuid.ToString();

        await page.GotoAsync($"/agents/{uuid}");
        await page.ClickAsync("summary[aria-label='Agent actions']");
        await page.ClickAsync("text=Copy Agent UUID");
        await Assertions.Expect(page.Locator("#toast")).ToHaveTextAsync("Copied the Agent UUID.");
        Assert.Equal(uuid, await Clipboard(page));

        await page.GotoAsync($"/agents/{uuid}/settings");
        await page.EvaluateAsync("() => navigator.clipboard.writeText('something else')");
        await page.ClickAsync("#agent-uuid");
        await Assertions.Expect(page.Locator("#toast")).ToHaveTextAsync("Copied the Agent UUID.");
        Assert.Equal(uuid, await Clipboard(page));

        await page.EvaluateAsync("() => navigator.clipboard.writeText('something else')");
        await page.ClickAsync("text=Copy UUID");
        Assert.Equal(uuid, await Eventually.Until(() => Clipboard(page), text => text == uuid));
    }

    [Fact]
    public async Task UrlBuilder_WritesTheCxmlTheReadmeDocuments_WithSecretsMaskedUntilRevealed()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var uuid = fixture.Tenant.AgentUuid.ToString();
        var readme = ReadmeCxml().Replace("AGENT_UUID", uuid, StringComparison.Ordinal);

        await page.GotoAsync($"/agents/{uuid}/settings");
        await page.FillAsync("#b-public", "wss://cleanagent.example.com");
        await page.FillAsync("#b-key", "dg_YOUR_KEY");
        await page.FillAsync("#b-session", "CLOUDONIX_DOMAIN_BEARER_TOKEN");
        await page.FillAsync("#b-account", "acme");

        var shown = await page.Locator("#stream-cxml").TextContentAsync();
        Assert.DoesNotContain("CLOUDONIX_DOMAIN_BEARER_TOKEN", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("dg_YOUR_KEY", shown, StringComparison.Ordinal);
        Assert.Equal("password", await page.GetAttributeAsync("#b-session", "type"));

        await page.CheckAsync("input[name=reveal]");
        await Assertions.Expect(page.Locator("#stream-cxml")).ToHaveTextAsync(readme);
        Assert.Equal("text", await page.GetAttributeAsync("#b-session", "type"));
        await page.ClickAsync("text=Copy CXML");
        Assert.Equal(readme, await Eventually.Until(() => Clipboard(page), text => text == readme));
    }

    [Fact]
    public async Task CreatingAKey_ByKeyboard_ShowsItOnce_AndArchivingItRefusesTheNextCall1008()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var tenant = fixture.Tenant;
        var name = "cloudonix-" + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/api-keys");
        // Keyboard only: Tab to the name field, type, Enter.
        await PageChecks.TabToAsync(page, "#key-name");
        await PageChecks.AssertFocusIsVisibleAsync(page);
        await page.Keyboard.TypeAsync(name);
        await page.Keyboard.PressAsync("Enter");
        var shown = page.Locator("[data-created-key]");
        await Assertions.Expect(shown).ToHaveTextAsync(new Regex("^dg_"));
        await Assertions.Expect(page.Locator("#created-title")).ToContainTextAsync(name);
        var key = (await shown.TextContentAsync())!.Trim();
        // The copy button, by keyboard too: Tab to it, visibly focused, Enter; then Space copies again.
        await PageChecks.TabToAsync(page, "button[data-copy-from='#created-key']");
        await PageChecks.AssertFocusIsVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(key, await Eventually.Until(() => Clipboard(page), text => text == key));
        await Assertions.Expect(page.Locator("#toast")).ToHaveTextAsync("Copied the key.");
        await page.EvaluateAsync("() => navigator.clipboard.writeText('something else')");
        await page.Keyboard.PressAsync("Space");
        Assert.Equal(key, await Eventually.Until(() => Clipboard(page), text => text == key));

        // Once: the list shows its prefix and no more, and a fresh load of the page has no key in it.
        var row = page.Locator("tr", new PageLocatorOptions { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(key[..8]);
        await page.GotoAsync("/api-keys");
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-created-key]")).ToHaveCountAsync(0);

        // The key works for a call…
        var withKey = tenant with { ApiKey = new Application.Common.Secret(key) };
        await using (var call = await AgentStreamClient.ConnectAsync(Host.BaseAddress, withKey))
        {
            await call.HandshakeAsync();
            await call.SendStopAsync();
            Assert.Equal(1000, (await call.ReceiveCloseAsync()).Code);
        }

        await page.ReloadAsync();
        await Assertions.Expect(row.Locator("td").Nth(3)).Not.ToHaveTextAsync("never"); // last used

        // …until it is archived: the next call is refused 1008. Reactivated, it works again.
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = $"Archive {name}" }).ClickAsync();
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("archived");
        await using (var refused = await AgentStreamClient.ConnectAsync(Host.BaseAddress, withKey))
            Assert.Equal(1008, (await refused.ReceiveCloseAsync()).Code);

        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = $"Reactivate {name}" }).ClickAsync();
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("active");
    }

    [Fact]
    public async Task AnotherOrganizationsAgentAndRun_AreNotFound()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var other = await Host.CreateTenantAsync(kind: Domain.Agents.AgentKind.Echo, publish: true);
        var otherRun = (await SeedRefusedRunsAsync(other, 1, "+15550999"))[0];

        foreach (var path in new[]
                 {
                     $"/agents/{other.AgentUuid}", $"/agents/{other.AgentUuid}/runs", $"/agents/{other.AgentUuid}/settings",
                     $"/agents/{other.AgentUuid}/runs?handler=rows", $"/runs/{otherRun}", $"/runs/{otherRun}?handler=recording",
                 })
            Assert.True((await page.GotoAsync(path))!.Status == 404, path);

        // Their own agent, for contrast, is there.
        Assert.Equal(200, (await page.GotoAsync($"/agents/{fixture.Tenant.AgentUuid}"))!.Status);

        // Posting to their key from this organization changes nothing: archive is scoped too.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var archive = await page.APIRequest.PostAsync($"/api-keys?handler=Archive&id={other.ApiKeyId}", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token),
            MaxRedirects = 0,
        });
        Assert.Equal(404, archive.Status);
        await using var call = await AgentStreamClient.ConnectAsync(Host.BaseAddress, other);
        await call.HandshakeAsync();
        await call.SendStopAsync();
        Assert.Equal(1000, (await call.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefused400()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        await page.GotoAsync("/api-keys");
        var name = "forged-" + Guid.NewGuid().ToString("N")[..6];

        var forged = await page.APIRequest.PostAsync("/api-keys?handler=Create", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("Name", name),
            MaxRedirects = 0,
        });
        Assert.Equal(400, forged.Status);
        await page.ReloadAsync();
        Assert.DoesNotContain(name, await page.ContentAsync(), StringComparison.Ordinal);

        // With the token the same post is accepted (the refusal above was the token's).
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var genuine = await page.APIRequest.PostAsync("/api-keys?handler=Create", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("Name", name).Set("__RequestVerificationToken", token),
            MaxRedirects = 0,
        });
        Assert.Equal(200, genuine.Status);
    }

    [Fact]
    public async Task EveryPage_IsReadableAt1280And390Pixels_AndPassesAxe()
    {
        var (context, page) = await fixture.SignedInAsync(chromium);
        await using var _ = context;
        var tenant = fixture.Tenant;
        var run = await SeedConversationAsync(tenant);
        // Its recording (one second of 8 kHz silence), so the run page shows the player.
        var wav = Path.Combine(((SqliteTestDatabase)fixture.Database).Folder, $"{run}.wav");
        await File.WriteAllBytesAsync(wav, SilentWav(TimeSpan.FromSeconds(1)));
        Assert.True((await Host.Send(new AttachRecording(run, wav))).IsSuccess);

        foreach (var (name, path) in new[]
                 {
                     ("agents", "/"), ("agent-editor", $"/agents/{tenant.AgentUuid}"), ("agent-runs", $"/agents/{tenant.AgentUuid}/runs"),
                     ("agent-settings", $"/agents/{tenant.AgentUuid}/settings"), ("run", $"/runs/{run}"), ("api-keys", "/api-keys"),
                     ("organization", "/organization"),
                 })
        {
            Assert.Equal(200, (await page.GotoAsync(path))!.Status);
            await PageChecks.ScreenshotsAndAccessibilityAsync(page, name);
        }

        // The run page shows the conversation: the interrupted turn marked, the node change between turns; and the player.
        await page.GotoAsync($"/runs/{run}");
        await Assertions.Expect(page.Locator(".turn.interrupted")).ToContainTextAsync("interrupted");
        await Assertions.Expect(page.Locator(".node-change")).ToHaveTextAsync("→ Billing");
        await Assertions.Expect(page.Locator("[data-run-explained]")).ToHaveTextAsync("The agent ended the call: its last words played, then the provider hung up.");
        var player = await page.Locator("audio[controls]").GetAttributeAsync("src");
        var recording = await page.APIRequest.GetAsync(player!);
        Assert.Equal(200, recording.Status);
        Assert.Equal("audio/wav", recording.Headers["content-type"]);

        // The editor names the node at fault, and its messages are readable at both widths.
        await page.GotoAsync($"/agents/{tenant.AgentUuid}");
        await Assertions.Expect(page.Locator("h2", new PageLocatorOptions { HasText = "Versions" })).ToBeVisibleAsync();
        await page.FillAsync("#definition", """{"nodes":[{"id":"start","type":"startCall","data":{"name":"Start","prompt":"Hi"}},{"id":"orphan","type":"agentNode","data":{"name":"Orphan","prompt":"x"}}],"edges":[]}""");
        await page.ClickAsync("text=Save draft");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("orphan");
        await PageChecks.ScreenshotsAndAccessibilityAsync(page, "agent-editor-errors");

        // A key just made, shown this once with its warning and copy button.
        await page.GotoAsync("/api-keys");
        await page.FillAsync("#key-name", "screenshot-" + Guid.NewGuid().ToString("N")[..6]);
        await page.ClickAsync("text=Create key");
        await Assertions.Expect(page.Locator("[data-created-key]")).ToHaveTextAsync(new Regex("^dg_"));
        await PageChecks.ScreenshotsAndAccessibilityAsync(page, "api-keys-created");

        // The one-time link admin create-user prints: the page where the new person chooses a password.
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await Web.Admin.AdminCli.RunAsync(["create-user", "--organization", tenant.OrganizationId.ToString(), "--email", $"new-{Guid.NewGuid():N}@acme.test",
            "--url", Host.BaseAddress.ToString(), "--field", "setUpLink", $"--Database:Provider={fixture.Database.Provider}",
            $"--ConnectionStrings:Default={fixture.Database.ConnectionString}"], output, errors);
        Assert.True(exit == 0, errors.ToString());
        await using var stranger = await chromium.NewContextAsync(Host.BaseAddress);
        var setPassword = await stranger.NewPageAsync();
        Assert.Equal(200, (await setPassword.GotoAsync(new Uri(output.ToString().Trim()).PathAndQuery))!.Status);
        await Assertions.Expect(setPassword.Locator("h1")).ToHaveTextAsync("Choose a password");
        await PageChecks.ScreenshotsAndAccessibilityAsync(setPassword, "set-password");
    }

    /// <summary>A WAV file (PCM, 16-bit, 8 kHz, mono) of silence.</summary>
    private static byte[] SilentWav(TimeSpan length)
    {
        var samples = (int)(length.TotalSeconds * 8000);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8); writer.Write(36 + samples * 2); writer.Write("WAVE"u8);
            writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1); writer.Write(8000); writer.Write(16000); writer.Write((short)2); writer.Write((short)16);
            writer.Write("data"u8); writer.Write(samples * 2); writer.Write(new byte[samples * 2]);
        }

        return stream.ToArray();
    }

    private static string DurationText() => "^\\d+\\.\\d s$";

    private static Task<string> Clipboard(IPage page) => page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

    /// <summary>Runs refused at admission (quota), one after another: the Runs tab lists them like any other.</summary>
    private async Task<List<Guid>> SeedRefusedRunsAsync(Tenant tenant, int count, string callerPrefix)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var spec = new RunSpec(new PinnedVersion(tenant.OrganizationId, tenant.AgentId, tenant.AgentVersionId), CallType.Inbound, CallMode.Of("cloudonix"),
                new Dictionary<string, string> { ["provider"] = "cloudonix", ["caller_number"] = $"{callerPrefix}{i:00}", ["called_number"] = "+15550002222" });
            var run = await Host.Send(new RecordRefusedRun(spec, RunEndReason.QuotaExceeded));
            Assert.True(run.IsSuccess, run.Error?.Message);
            ids.Add(run.Value.RunId);
        }

        return ids;
    }

    /// <summary>A finished conversation as a voice call's journal records it, through the same use cases.</summary>
    private async Task<Guid> SeedConversationAsync(Tenant tenant)
    {
        var reservation = await Host.Send(new Application.Quota.CheckQuota(tenant.OrganizationId));
        Assert.True(reservation.IsSuccess, reservation.Error?.Message);
        var spec = new RunSpec(new PinnedVersion(tenant.OrganizationId, tenant.AgentId, tenant.AgentVersionId), CallType.Inbound, CallMode.Of("cloudonix"),
            new Dictionary<string, string> { ["provider"] = "cloudonix", ["caller_number"] = "+15550001111", ["called_number"] = "+15550002222" });
        var run = (await Host.Send(new StartWorkflowRun(spec, reservation.Value.ReservationId))).Value.RunId;
        Assert.True((await Host.Send(new AppendTranscriptTurn(run, 0, Speaker.Agent, "Hi, this is Acme. How can I help?", TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(2.4), true, "start"))).IsSuccess);
        Assert.True((await Host.Send(new AppendTranscriptTurn(run, 1, Speaker.Caller, "I have a question about invoice 42.", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5.1), false, "start"))).IsSuccess);
        Assert.True((await Host.Send(new RecordNodeVisit(run, 0, "billing", "Billing", TimeSpan.FromSeconds(5.9)))).IsSuccess);
        Assert.True((await Host.Send(new AppendTranscriptTurn(run, 2, Speaker.Agent, "Invoice 42 is paid. Anything else?", TimeSpan.FromSeconds(6.5), TimeSpan.FromSeconds(8), false, "billing"))).IsSuccess);
        Assert.True((await Host.Send(new RecordTurnLatency(run, 0, 2, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(420),
            TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(150)))).IsSuccess);
        Assert.True((await Host.Send(new EndWorkflowRun(run, RunEndReason.AgentEnded))).IsSuccess);
        return run;
    }

    /// <summary>The README's CXML block (Connect Cloudonix), as a user copies it.</summary>
    private static string ReadmeCxml()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var block = ReadmeCxmlBlock().Match(readme);
        Assert.True(block.Success, "README.md has no <Response><Connect><Stream> block");
        return block.Groups["xml"].Value.TrimEnd('\n');
    }

    [GeneratedRegex("```xml\\n(?<xml><Response>\\n  <Connect>\\n    <Stream url=\"[^\"]+\"/>\\n  </Connect>\\n</Response>\\n)```")]
    private static partial Regex ReadmeCxmlBlock();
}
