// Nightjar on a phone with a bad connection (docs/offline.md). On every page: registers the
// service worker, says plainly when the page is offline, saves the forms marked
// data-offline-save through the queue of static/js/queue.js (sent at once when it can be, kept
// on this phone when not), lists what is kept with a way to fix or discard what was refused, and
// forgets this account's kept pages on signing out. Without JavaScript every form posts as usual.
(function () {
  "use strict";
  var script = document.currentScript;
  var Queue = window.NightjarQueue;
  var root = document.documentElement;
  var accountMeta = document.querySelector("meta[name='nightjar-account']");
  // The signed-in account's key ("" signed out); null on the partner's page, which has none.
  var account = accountMeta ? accountMeta.content : null;
  var banner = document.querySelector("[data-offline-banner]");
  var panel = document.querySelector("[data-queue-panel]");
  var summary = panel && panel.querySelector("[data-queue-summary]");
  var list = panel && panel.querySelector("[data-queue-list]");
  var signInUrl = script.dataset.signIn || "/accounts/login/";
  var usable = !!(Queue && Queue.available());
  if (Queue && script.dataset.session) Queue.setSessionUrl(script.dataset.session);

  function delay(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) { return part.join(""); }).join("-");
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function timeOf(iso) {
    var when = new Date(iso);
    return when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ", " +
      when.toLocaleDateString([], { weekday: "short", day: "numeric", month: "short" });
  }

  // --- the service worker: keeps the app shell and this account's log and home pages ---------
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !script.dataset.serviceWorker) return;
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "page-kept" && data.url === location.pathname) {
        root.dataset.offlineReady = "yes";
        document.querySelectorAll("[data-offline-ready]").forEach(function (note) {
          note.hidden = false;
        });
      }
      if (data.type === "queue-changed") render();
    });
    navigator.serviceWorker.register(script.dataset.serviceWorker, { scope: "/" })
      .catch(function () { /* no service worker: pages still work online, saves still queue */ });
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active && root.dataset.pageCopy === "live") {
        registration.active.postMessage({ type: "page-shown", url: location.pathname });
      }
    });
  }

  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register(Queue.SYNC_TAG);
    }).catch(function () { /* sent on the next page load or when the phone is back online */ });
  }

  // --- saying whether the page is offline -----------------------------------------------------
  function showConnection() {
    if (!banner) return;
    var words = "";
    if (!navigator.onLine) {
      words = "You are offline. What you save stays on this phone and is sent when you're back online.";
    } else if (root.dataset.pageCopy === "saved") {
      words = "The server is not answering, so this is the copy kept on this phone. What you save " +
        "stays on this phone and is sent when the server answers.";
    }
    banner.textContent = words;
    banner.hidden = !words;
  }

  // --- the entries kept on this phone --------------------------------------------------------
  function mine(entry) {
    if (account === null) return entry.kind === "partner" && entry.url === location.pathname;
    return entry.kind === "event" && !!account && entry.account === account;
  }

  function fixLink(entry) {
    var params = new URLSearchParams();
    var earlier = 0;
    var exact = "";
    entry.fields.forEach(function (pair) {
      var name = pair[0];
      if (name === "earlier") earlier = parseInt(pair[1], 10) || 0;
      else if (name === "occurred_at") exact = pair[1];
      else if (name !== "save" && pair[1] !== "") params.append(name, pair[1]);
    });
    var when = exact || new Date(Date.parse(entry.tappedAt) - earlier * 60000).toISOString();
    if (entry.kind === "event") params.set("occurred_at", when);
    else if (!params.get("started_at")) params.set("started_at", when);
    return entry.fixUrl + "?" + params.toString();
  }

  function link(text, href, label) {
    var anchor = document.createElement("a");
    anchor.className = "btn btn-outline-primary";
    anchor.href = href;
    anchor.textContent = text;
    if (label) anchor.setAttribute("aria-label", label);
    return anchor;
  }

  function item(entry) {
    var li = document.createElement("li");
    var what = entry.summary + ", tapped " + timeOf(entry.tappedAt);
    var line = document.createElement("div");
    line.className = "fw-semibold";
    line.textContent = what;
    var state = document.createElement("div");
    if (entry.status === "refused") {
      state.className = "queue-refused";
      state.textContent = "Not sent: " + entry.message;
    } else {
      state.className = "muted";
      state.textContent = entry.message || "Waiting to be sent.";
    }
    var actions = document.createElement("div");
    actions.className = "queue-actions";
    if (entry.status === "refused") {
      if (entry.reason === "signed_out" || entry.reason === "other_account") {
        actions.appendChild(link("Sign in", signInUrl + "?next=" + encodeURIComponent(location.pathname)));
      } else if (entry.reason !== "gone" && entry.fixUrl) {
        actions.appendChild(link("Open it in the form", fixLink(entry), "Open it in the form: " + what));
      }
    }
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-outline-danger";
    discard.textContent = "Discard";
    discard.setAttribute("aria-label", "Discard " + what);
    discard.addEventListener("click", function () {
      if (!window.confirm("Discard this entry? It is not in the journal and will be lost.")) return;
      Queue.remove(entry.id).then(render);
    });
    actions.appendChild(discard);
    li.appendChild(line);
    li.appendChild(state);
    li.appendChild(actions);
    return li;
  }

  function render() {
    if (!usable || !panel) return Promise.resolve();
    return Queue.all().then(function (entries) {
      var shown = entries.filter(mine);
      var others = account === null ? 0 : entries.filter(function (entry) {
        return entry.kind === "event" && !mine(entry);
      }).length;
      var waiting = shown.filter(function (entry) { return entry.status !== "refused"; }).length;
      var refused = shown.length - waiting;
      var words = [];
      if (waiting) {
        words.push("Saved on this phone — will be sent when you're back online: " +
          plural(waiting, "entry", "entries") + " waiting.");
      }
      if (refused) words.push(plural(refused, "entry was", "entries were") + " not accepted: see below.");
      if (others) {
        words.push(plural(others, "entry", "entries") + " saved on this phone " +
          (others === 1 ? "belongs" : "belong") + " to " + (account ? "another account" : "an account") +
          ": sign in to it to send " + (others === 1 ? "it." : "them."));
      }
      list.textContent = "";
      shown.forEach(function (entry) { list.appendChild(item(entry)); });
      summary.textContent = words.join(" ");
      panel.hidden = !words.length;
      root.dataset.queueCount = String(shown.length);
    });
  }

  function send() {
    if (!usable) return Promise.resolve();
    return Queue.all().then(function (entries) {
      if (!entries.length) return null;
      return Queue.flush();
    }).then(render);
  }

  // --- saving a form through the queue --------------------------------------------------------
  function chosenWords(form) {
    var groups = (form.dataset.summaryFields || "").split(" ").filter(Boolean);
    var parts = groups.map(function (name) {
      var words = [];
      form.querySelectorAll("input[name='" + name + "']:checked").forEach(function (input) {
        var label = form.querySelector("label[for='" + input.id + "']");
        if (label) words.push(label.textContent.trim());
      });
      return words.join(", ");
    }).filter(Boolean);
    return parts.join(" · ") || form.dataset.summaryDefault || "Entry";
  }

  function idInput(form) {
    var input = form.querySelector("input[name='id']");
    if (input && !/^[0-9a-f-]{36}$/i.test(input.value)) input.value = newId();
    return input;
  }

  function entryFrom(form, tapped) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrfmiddlewaretoken" && name !== "tapped_at") {
        fields.push([name, value]);
      }
    });
    return {
      id: idInput(form).value,
      kind: form.dataset.offlineSave,
      url: form.getAttribute("action") || location.pathname,
      account: account || "",
      fields: fields,
      tappedAt: tapped.toISOString(),
      queuedAt: Date.now(),
      summary: chosenWords(form),
      fixUrl: form.dataset.fixUrl || location.pathname,
      status: "waiting",
      reason: "",
      message: ""
    };
  }

  function saveThroughQueue(form) {
    var busy = false;
    form.addEventListener("submit", function (event) {
      var tapped = new Date();
      var tapInput = form.querySelector("input[name='tapped_at']");
      if (tapInput) tapInput.value = tapped.toISOString();
      form.dispatchEvent(new CustomEvent("nightjar:before-save", { detail: { tapped: tapped } }));
      if (!usable) return; // the plain form posts, with the tap's time
      event.preventDefault();
      if (busy) return;
      busy = true;
      var entry = entryFrom(form, tapped);
      Queue.add(entry).then(function () {
        return Queue.flush();
      }).then(function (outcome) {
        var result = outcome.results[entry.id];
        if (result && result.status === "saved" && result.url) {
          location.assign(result.url);
          return;
        }
        if (result && result.reason === "invalid") {
          // Sent at once and refused: the plain form shows what to fix next to each field.
          return Queue.remove(entry.id).then(function () { form.submit(); });
        }
        // Kept on the phone (no connection, no answer) or refused: the page says so at the top.
        idInput(form).value = newId();
        busy = false;
        if (!result || result.status === "waiting") askForBackgroundSync();
        form.dispatchEvent(new CustomEvent("nightjar:kept", { detail: { entry: entry } }));
        return render().then(function () {
          if (panel) panel.scrollIntoView({ block: "start" });
        });
      }, function () {
        // This phone would not store it: send the form as a plain post instead.
        busy = false;
        form.submit();
      });
    });
  }

  // --- signing out: this account's kept pages go with it --------------------------------------
  function forgetPages() {
    var jobs = [];
    if (window.caches) {
      jobs.push(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) {
          return key.indexOf("nightjar-pages-") === 0;
        }).map(function (key) { return caches.delete(key); }));
      }));
    }
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget-pages" });
    }
    return Promise.all(jobs);
  }

  document.querySelectorAll("form.sign-out-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.pagesForgotten) return;
      event.preventDefault();
      var leave = function () {
        form.dataset.pagesForgotten = "yes";
        form.submit();
      };
      // Send what is waiting first if the server answers; never hold sign-out up for long.
      Promise.race([Promise.all([send(), forgetPages()]), delay(3000)]).then(leave, leave);
    });
  });

  document.querySelectorAll("form[data-offline-save]").forEach(function (form) {
    // A copy kept on the phone carries the id it was kept with: each entry needs its own.
    if (root.dataset.pageCopy === "saved") idInput(form).value = newId();
    saveThroughQueue(form);
  });
  registerWorker();
  showConnection();
  window.addEventListener("online", function () { showConnection(); send(); });
  window.addEventListener("offline", showConnection);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") send();
  });
  // A server that was down comes back without an `online` event: try again now and then.
  setInterval(function () {
    if (navigator.onLine && document.visibilityState === "visible") send();
  }, 60000);
  send();
})();
