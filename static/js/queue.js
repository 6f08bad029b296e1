// Nightjar: entries kept on this phone until the server has them (IndexedDB), and sending them.
// Used by the pages (static/js/offline.js) and by the service worker (static/js/sw.js), so it
// touches no page: it only stores, sends and reports.
//
// An entry: { id (the client-made UUID the server recognises), kind ("event" | "partner"),
//   url (where its form posts), account (the opaque key of the account it was made for; "" for a
//   partner's), fields ([name, value] pairs of its form), tappedAt (ISO instant of the tap),
//   queuedAt (ms), summary (words to show), fixUrl (its full form), status ("waiting" |
//   "refused"), reason, message }.
// Sending is oldest first; a retry carries the same id, so the server never stores it twice.
(function (scope) {
  "use strict";
  var DB_NAME = "nightjar";
  var STORE = "queue";
  var SYNC_TAG = "nightjar-send";
  var SEND_TIMEOUT_MS = 5000;
  var sessionUrl = "/offline/session";

  function available() {
    return !!scope.indexedDB;
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function inStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(request ? request.result : undefined);
        };
        transaction.onerror = transaction.onabort = function () {
          db.close();
          reject(transaction.error);
        };
      });
    });
  }

  function put(entry) {
    return inStore("readwrite", function (store) { return store.put(entry); });
  }

  function remove(id) {
    return inStore("readwrite", function (store) { return store.delete(id); });
  }

  function all() {
    return inStore("readonly", function (store) { return store.getAll(); }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.queuedAt - b.queuedAt; });
    });
  }

  // One send at a time across the pages and the service worker (Web Locks where there are).
  function exclusively(work) {
    var locks = scope.navigator && scope.navigator.locks;
    return locks ? locks.request("nightjar-queue", work) : work();
  }

  function withTimeout(url, options) {
    var controller = scope.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS);
    if (controller) options.signal = controller.signal;
    return fetch(url, options).finally(function () { if (timer) clearTimeout(timer); });
  }

  // Who is signed in here (the account key) and a fresh CSRF token; fails with no connection.
  function session() {
    return withTimeout(sessionUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) throw new Error("server " + response.status);
      return response.json();
    });
  }

  var OFFLINE = "offline";

  function post(entry, who) {
    var body = new URLSearchParams();
    entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.set("tapped_at", entry.tappedAt);
    if (entry.kind === "event") body.set("account", entry.account);
    return withTimeout(entry.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": who.csrf },
      body: body,
      redirect: "manual"
    });
  }

  function refuse(entry, reason, message) {
    entry.status = "refused";
    entry.reason = reason;
    entry.message = message;
    return put(entry).then(function () {
      return { status: "refused", reason: reason, message: message };
    });
  }

  function readJson(response) {
    return response.json().catch(function () { return {}; });
  }

  // Send one entry; resolves with what happened to it, or rejects with OFFLINE (stop for now).
  function sendOne(entry, who, retried) {
    if (entry.kind === "event" && entry.account !== who.account) {
      return who.account
        ? refuse(entry, "other_account", "This phone is signed in to a different account than " +
          "the one it was saved for. Sign in to that account to send it.")
        : refuse(entry, "signed_out", "You are signed out. Sign in to send it.");
    }
    return post(entry, who).then(function (response) {
      if (response.status === 403 && !retried) {
        // A stale CSRF token (the page was kept on the phone): fetch a fresh one, try once more.
        return session().then(function (fresh) {
          who.csrf = fresh.csrf;
          return sendOne(entry, who, true);
        });
      }
      if (response.type === "opaqueredirect") {
        return refuse(entry, "signed_out", "You are signed out. Sign in to send it.");
      }
      if (response.ok) {
        return readJson(response).then(function (answer) {
          return remove(entry.id).then(function () {
            return { status: "saved", url: answer.url };
          });
        });
      }
      if (response.status === 0 || response.status >= 500) throw new Error(OFFLINE);
      return readJson(response).then(function (answer) {
        if (response.status === 429) {
          entry.status = "waiting";
          entry.message = answer.message || "Waiting a few minutes before sending.";
          return put(entry).then(function () { return { status: "waiting", message: entry.message }; });
        }
        var reason = answer.reason || (response.status === 404 ? "gone" : "refused");
        var message = answer.message || (response.status === 404
          ? "This link no longer works: it was revoked or has expired."
          : "The server did not accept it (" + response.status + ").");
        return refuse(entry, reason, message);
      });
    }, function () {
      throw new Error(OFFLINE);
    });
  }

  // Send every waiting entry, oldest first. Resolves with { results: {id: outcome}, left }.
  function flush() {
    return exclusively(function () {
      var results = {};
      return all().then(function (entries) {
        if (!entries.length) return entries;
        return session().then(function (who) {
          return entries.reduce(function (chain, entry) {
            return chain.then(function () {
              return sendOne(entry, who).then(function (outcome) { results[entry.id] = outcome; });
            });
          }, Promise.resolve());
        });
      }).catch(function () {
        // No connection, or no answer: everything not yet sent stays, to be sent later.
      }).then(function () {
        return all().then(function (left) { return { results: results, left: left }; });
      });
    });
  }

  scope.NightjarQueue = {
    SYNC_TAG: SYNC_TAG,
    available: available,
    add: put,
    remove: remove,
    all: all,
    flush: flush,
    setSessionUrl: function (url) { sessionUrl = url; }
  };
})(self);
