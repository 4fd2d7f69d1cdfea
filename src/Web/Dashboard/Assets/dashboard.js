// CleanAgent dashboard: copy buttons and their toast, the Runs tab's live rows, the Agent Stream URL builder.
// Plain JavaScript served by the host (no framework, no CDN); every page works without it except these helpers.
(function () {
  "use strict";

  function toast(message, failed) {
    var box = document.getElementById("toast");
    if (!box) return;
    box.textContent = message;
    box.classList.toggle("failed", !!failed);
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.hidden = true; }, 3000);
  }

  function copy(text, what) {
    if (!navigator.clipboard || !window.isSecureContext) {
      toast("Could not copy " + what + ": the browser allows the clipboard only over HTTPS or on localhost.", true);
      return Promise.resolve(false);
    }
    return navigator.clipboard.writeText(text).then(
      function () { toast("Copied " + what + "."); return true; },
      function (e) { toast("Could not copy " + what + (e && e.message ? ": " + e.message : "."), true); return false; });
  }

  // <button data-copy="value" data-copy-what="Agent UUID">, or data-copy-from="#id" to copy another element's value.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy], [data-copy-from]");
    if (!button) return;
    event.preventDefault();
    var value = button.getAttribute("data-copy");
    if (value === null) {
      var source = document.querySelector(button.getAttribute("data-copy-from"));
      value = source ? (source.dataset.value !== undefined ? source.dataset.value : (source.value !== undefined ? source.value : source.textContent)) : "";
    }
    copy(value, button.getAttribute("data-copy-what") || "it");
    var menu = button.closest("details.menu");
    if (menu) menu.open = false;
  });

  // A GET form (the Runs tab's filters) leaves empty fields out of the URL: ?state=failed, not ?state=failed&caller=&…
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-clean-query")) return;
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name && input.value === "") input.disabled = true;
    });
    setTimeout(function () { Array.prototype.forEach.call(form.elements, function (input) { input.disabled = false; }); }, 0);
  });

  // The Runs tab: the same page of runs (filters and page from the URL) read again every 1.5 s while the tab is open.
  var live = document.querySelector("[data-runs-live]");
  if (live) {
    var body = live.querySelector("tbody");
    var total = document.querySelector("[data-runs-total]");
    var columns = ["name", "state", "created", "callType", "caller", "duration", "endReason"];
    // Each row's cells from a run of the JSON (server-rendered rows have the same cells, so the same code updates them).
    var fill = function (tr, run) {
      columns.forEach(function (column, i) {
        var td = tr.children[i];
        if (column === "name" || column === "created") {
          var tag = column === "name" ? "a" : "time";
          var inner = td.querySelector(tag);
          if (!inner) { inner = document.createElement(tag); td.replaceChildren(inner); }
          if (column === "name" && inner.getAttribute("href") !== run.href) inner.setAttribute("href", run.href);
          if (column === "created" && inner.getAttribute("datetime") !== run.createdIso) inner.setAttribute("datetime", run.createdIso);
          var text = column === "name" ? run.name : run.created;
          if (inner.textContent !== text) inner.textContent = text;
        } else {
          if (td.textContent !== run[column]) td.textContent = run[column];
          if (column === "state" && td.className !== "state state-" + run.state) td.className = "state state-" + run.state;
        }
      });
    };
    var build = function (run) {
      var tr = document.createElement("tr");
      tr.dataset.runId = run.id;
      columns.forEach(function (column) {
        var td = document.createElement("td");
        td.dataset.column = column;
        tr.appendChild(td);
      });
      fill(tr, run);
      return tr;
    };
    // The pager's "Page n of m" and its links, changed in place (a focused "Next →" keeps the focus).
    var pager = document.querySelector("[data-runs-pager]");
    var renderPager = function (state) {
      var of = pager.querySelector("[data-page-of]");
      if (of.textContent !== state.pageOf) of.textContent = state.pageOf;
      [["prev", "← Previous"], ["next", "Next →"]].forEach(function (kind) {
        var rel = kind[0], href = state[rel], link = pager.querySelector("a[rel=" + rel + "]");
        if (!href) { if (link) link.remove(); return; }
        if (!link) {
          link = document.createElement("a");
          link.rel = rel;
          link.textContent = kind[1];
          if (rel === "prev") pager.insertBefore(link, of); else pager.appendChild(link);
        }
        if (link.getAttribute("href") !== href) link.setAttribute("href", href);
      });
    };
    // Rows already shown are updated in place, new ones inserted, gone ones removed: a row link that has the keyboard
    // focus keeps it, and a screen reader is not handed a new table every 1.5 s.
    var render = function (page) {
      var focused = body.contains(document.activeElement) ? document.activeElement.closest("tr[data-run-id]") : null;
      var wanted = {};
      page.rows.forEach(function (run) { wanted[run.id] = true; });
      var shown = {};
      Array.prototype.forEach.call(body.querySelectorAll("tr"), function (tr) {
        if (tr.dataset.runId && wanted[tr.dataset.runId]) shown[tr.dataset.runId] = tr;
        else tr.remove();
      });
      var cursor = body.firstElementChild;
      page.rows.forEach(function (run) {
        var tr = shown[run.id];
        if (tr) fill(tr, run); else tr = build(run);
        if (tr === cursor) cursor = cursor.nextElementSibling;
        else body.insertBefore(tr, cursor); // a new run, or one the sort moved
      });
      if (page.rows.length === 0) {
        var empty = document.createElement("tr");
        var cell = document.createElement("td");
        cell.colSpan = columns.length;
        cell.textContent = "No runs match.";
        empty.appendChild(cell);
        body.appendChild(empty);
      }
      // A focused row the sort moved lost the focus on the way: it gets it back.
      if (focused && focused.isConnected && !body.contains(document.activeElement)) {
        var link = focused.querySelector("a");
        if (link) link.focus();
      }
      if (total && total.textContent !== page.summary) total.textContent = page.summary;
      if (pager && page.pager) renderPager(page.pager);
      live.dataset.refreshed = String(Date.now());
    };
    var refresh = function () {
      fetch(live.getAttribute("data-runs-live"), { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok || (response.headers.get("Content-Type") || "").indexOf("json") < 0) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(render, function () { /* signed out or server away: keep the rows shown, try again */ })
        .finally(function () { setTimeout(refresh, 1500); });
    };
    setTimeout(refresh, 1500);
  }

  // Settings: the Agent Stream URL and its <Connect><Stream> CXML, as the README documents them.
  var builder = document.querySelector("[data-stream-builder]");
  if (builder) {
    var field = function (name) { return builder.querySelector("[name=" + name + "]"); };
    // A {{Template}} is left for Cloudonix to fill in; anything else is percent-encoded.
    var encode = function (value) {
      return value.split(/(\{\{[A-Za-z0-9_]+\}\})/).map(function (part) {
        return /^\{\{[A-Za-z0-9_]+\}\}$/.test(part) ? part : encodeURIComponent(part);
      }).join("");
    };
    var xml = function (value) {
      return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    };
    var mask = function (value) { return value ? "•".repeat(Math.min(12, Math.max(4, value.length))) : value; };
    var build = function (masked) {
      var base = field("publicUrl").value.trim().replace(/\/+$/, "");
      var key = field("apiKey").value.trim() || "dg_YOUR_KEY";
      var session = field("session").value.trim();
      var query = [
        ["api_key", key, true], ["provider", "cloudonix"], ["session", session, true], ["AccountSid", field("accountSid").value.trim()],
        ["CallSid", field("callSid").value.trim()], ["from", field("from").value.trim()], ["to", field("to").value.trim()],
      ].filter(function (p) { return p[1] !== ""; }).map(function (p) {
        return p[0] + "=" + (masked && p[2] ? mask(p[1]) : encode(p[1]));
      });
      var url = base + "/api/v1/agent-stream/" + builder.getAttribute("data-agent-uuid") + "?" + query.join("&");
      var cxml = "<Response>\n  <Connect>\n    <Stream url=\"" + xml(url) + "\"/>\n  </Connect>\n</Response>";
      return { url: url, cxml: cxml };
    };
    var update = function () {
      var revealed = field("reveal").checked;
      var real = build(false), shown = build(!revealed);
      var url = builder.querySelector("#stream-url"), cxml = builder.querySelector("#stream-cxml");
      url.dataset.value = real.url; url.textContent = shown.url;
      cxml.dataset.value = real.cxml; cxml.textContent = shown.cxml;
      ["apiKey", "session"].forEach(function (name) { field(name).type = revealed ? "text" : "password"; });
      var key = field("keyName");
      var prefix = key.selectedOptions.length ? key.selectedOptions[0].getAttribute("data-prefix") : null;
      var check = builder.querySelector("#key-check");
      var typed = field("apiKey").value.trim();
      check.textContent = !typed ? "Paste the key itself: it was shown once, when it was made; the URL has a placeholder until then."
        : prefix && typed.indexOf(prefix) !== 0 ? "This key does not start with " + prefix + ", the prefix of the key picked above." : "";
    };
    builder.addEventListener("input", update);
    builder.addEventListener("change", update);
    update();
  }
})();
