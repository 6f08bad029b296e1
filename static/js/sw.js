// Nightjar's service worker (docs/offline.md). Served at /sw.js by journal/views/offline.py,
// which puts self.NIGHTJAR above this text: its version, the app shell's addresses, the pages it
// keeps. It keeps:
// - the app shell (styles, scripts, icons, the offline page), cache-first, per version;
// - the log and home pages of the account signed in now, network-first, to open them offline.
//   They are kept per account: any page showing another account, or none (signed out), drops
//   them, and so does signing out;
// - a partner's page, network-first, dropped when its link stops working.
// It never stores a POST: saving with no connection is the queue's job (static/js/queue.js),
// which it also runs on Background Sync.
/* global NIGHTJAR, NightjarQueue */
"use strict";
importScripts(NIGHTJAR.queueScript);
NightjarQueue.setSessionUrl(NIGHTJAR.sessionUrl);

var SHELL_CACHE = "nightjar-shell-" + NIGHTJAR.version;
var PAGES_PREFIX = "nightjar-pages-";
var PARTNER_CACHE = "nightjar-partner";
var NAVIGATION_TIMEOUT_MS = 4000;
var ACCOUNT_META = /<meta name="nightjar-account" content="([^"]*)">/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      // Anonymous copies: the offline page must hold nobody's data.
      return cache.addAll(NIGHTJAR.shell.map(function (url) {
        return new Request(url, { credentials: "omit" });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("nightjar-shell-") === 0 && key !== SHELL_CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isPartnerPage(path) {
  return path.indexOf(NIGHTJAR.partnerPrefix) === 0 && /^\/p\/[^/]+\/$/.test(path);
}

function isKeptPage(path) {
  return NIGHTJAR.pages.indexOf(path) !== -1;
}

// Keep only the pages of `account` ("" keeps none).
function keepOnly(account) {
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf(PAGES_PREFIX) === 0 && key !== PAGES_PREFIX + account;
    }).map(function (key) { return caches.delete(key); }));
  });
}

// The copy kept on the phone says so, for the page to tell its reader (static/js/offline.js).
function asKeptCopy(html, type) {
  return new Response(html.replace('data-page-copy="live"', 'data-page-copy="saved"'), {
    headers: { "Content-Type": type }
  });
}

function notify(message) {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    windows.forEach(function (client) { client.postMessage(message); });
  });
}

// Look at a page the network gave: whose it is decides which kept pages may stay.
function remember(path, response) {
  var type = response.headers.get("Content-Type") || "";
  if (type.indexOf("text/html") !== 0) return Promise.resolve();
  if (isPartnerPage(path)) {
    return caches.open(PARTNER_CACHE).then(function (cache) {
      if (response.status === 404) return cache.delete(path);
      if (!response.ok || response.redirected) return null;
      return response.text().then(function (html) {
        return cache.put(path, asKeptCopy(html, type));
      }).then(function () { return notify({ type: "page-kept", url: path }); });
    });
  }
  return response.text().then(function (html) {
    var match = ACCOUNT_META.exec(html);
    if (!match) return null;
    var account = match[1];
    return keepOnly(account).then(function () {
      if (!account || !isKeptPage(path) || !response.ok || response.redirected) return null;
      return caches.open(PAGES_PREFIX + account).then(function (cache) {
        return cache.put(path, asKeptCopy(html, type));
      }).then(function () { return notify({ type: "page-kept", url: path }); });
    });
  });
}

function keptCopy(path) {
  if (isPartnerPage(path)) {
    return caches.open(PARTNER_CACHE).then(function (cache) { return cache.match(path); });
  }
  if (!isKeptPage(path)) return Promise.resolve(undefined);
  return caches.keys().then(function (keys) {
    var pages = keys.filter(function (key) { return key.indexOf(PAGES_PREFIX) === 0; })[0];
    if (!pages) return undefined;
    return caches.open(pages).then(function (cache) { return cache.match(path); });
  });
}

function offlinePage() {
  return caches.match(NIGHTJAR.offlinePage, { ignoreVary: true }).then(function (page) {
    return page || new Response("You are offline.", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" }
    });
  });
}

function timeout(ms) {
  return new Promise(function (resolve, reject) {
    setTimeout(function () { reject(new Error("no answer")); }, ms);
  });
}

function navigation(event, path) {
  var fromNetwork = fetch(event.request);
  return Promise.race([fromNetwork, timeout(NAVIGATION_TIMEOUT_MS)]).then(function (response) {
    if (response.status >= 500) throw new Error("server " + response.status);
    event.waitUntil(remember(path, response.clone()));
    return response;
  }).catch(function () {
    return keptCopy(path).then(function (copy) { return copy || offlinePage(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigation(event, url.pathname));
    return;
  }
  if (NIGHTJAR.shell.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request, { ignoreVary: true, ignoreSearch: true }).then(
      function (kept) { return kept || fetch(request); }
    ));
  }
});

// A page asks to be kept (the first visit, before this worker looked after it).
function keepPage(path) {
  if (!isKeptPage(path) && !isPartnerPage(path)) return Promise.resolve();
  return keptCopy(path).then(function (copy) {
    if (copy) return notify({ type: "page-kept", url: path });
    return fetch(path, { credentials: "same-origin" }).then(function (response) {
      return remember(path, response);
    });
  }).catch(function () { /* offline: nothing to keep */ });
}

function sendQueue() {
  return NightjarQueue.flush().then(function (outcome) {
    return notify({ type: "queue-changed" }).then(function () {
      var waiting = outcome.left.filter(function (entry) { return entry.status === "waiting"; });
      // Still no connection: fail, so the browser tries this sync again later.
      if (waiting.length) throw new Error("entries still waiting");
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "forget-pages") event.waitUntil(keepOnly(""));
  if (data.type === "page-shown") event.waitUntil(keepPage(data.url));
});

self.addEventListener("sync", function (event) {
  if (event.tag === NightjarQueue.SYNC_TAG) event.waitUntil(sendQueue());
});
