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
    var render = function (page) {
      var rows = document.createDocumentFragment();
      page.rows.forEach(function (run) {
        var tr = document.createElement("tr");
        tr.dataset.runId = run.id;
        columns.forEach(function (column) {
          var td = document.createElement("td");
          td.dataset.column = column;
          if (column === "name") {
            var a = document.createElement("a");
            a.href = run.href;
            a.textContent = run.name;
            td.appendChild(a);
          } else if (column === "created") {
            var time = document.createElement("time");
            time.dateTime = run.createdIso;
            time.textContent = run.created;
            td.appendChild(time);
          } else {
            td.textContent = run[column];
            if (column === "state") td.className = "state state-" + run.state;
          }
          tr.appendChild(td);
        });
        rows.appendChild(tr);
      });
      if (page.rows.length === 0) {
        var empty = document.createElement("tr");
        var cell = document.createElement("td");
        cell.colSpan = columns.length;
        cell.textContent = "No runs match.";
        empty.appendChild(cell);
        rows.appendChild(empty);
      }
      body.replaceChildren(rows);
      if (total) total.textContent = page.summary;
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
