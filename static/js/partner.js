// The partner's page: the episode timer (templates/journal/_episode_timer.html). Start keeps the
// start instant on this phone (localStorage), so the timer goes on through a locked screen or a
// reload; Stop (or Save) fills in how long it lasted and when it started. At 5 minutes it shows
// the emergency guidance, which cannot be missed.
(function () {
  "use strict";
  var timer = document.querySelector("[data-episode-timer]");
  var form = document.querySelector("form[data-offline-save='partner']");
  if (!timer || !form) return;
  var EMERGENCY_SECONDS = 5 * 60;
  var key = "nightjar-episode-start:" + location.pathname;
  var clock = timer.querySelector("[data-timer-clock]");
  var status = timer.querySelector("[data-timer-status]");
  var startButton = timer.querySelector("[data-timer-start]");
  var stopButton = timer.querySelector("[data-timer-stop]");
  var emergency = timer.querySelector("[data-timer-emergency]");
  var duration = form.querySelector("input[name='duration_seconds']");
  var startedAt = form.querySelector("input[name='started_at']");
  var ticking = null;

  function stored() {
    try {
      var value = parseInt(window.localStorage.getItem(key), 10);
      return isFinite(value) ? value : null;
    } catch (error) {
      return null;
    }
  }

  function store(value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, String(value));
    } catch (error) { /* private mode: the timer still runs while the page is open */ }
  }

  function shown(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function inWords(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    if (!minutes) return rest + " s";
    return minutes + " min" + (rest ? " " + rest + " s" : "");
  }

  function showEmergency(seconds) {
    if (seconds < EMERGENCY_SECONDS || !emergency.hidden) return;
    emergency.hidden = false;
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
  }

  var start = null;
  function tick() {
    var seconds = Math.max(0, Math.floor((Date.now() - start) / 1000));
    clock.textContent = shown(seconds);
    showEmergency(seconds);
  }

  function running(from) {
    start = from;
    startButton.hidden = true;
    stopButton.hidden = false;
    status.textContent = "Timing since " + new Date(from).toLocaleTimeString([], {
      hour: "2-digit", minute: "2-digit"
    }) + ". Tap Stop when it ends.";
    tick();
    ticking = setInterval(tick, 1000);
  }

  function stop() {
    if (start === null) return;
    clearInterval(ticking);
    var seconds = Math.max(0, Math.round((Date.now() - start) / 1000));
    clock.textContent = shown(seconds);
    duration.value = String(seconds);
    startedAt.value = new Date(start).toISOString();
    showEmergency(seconds);
    status.textContent = "It lasted " + inWords(seconds) + ": filled in below. Now tap what you saw and Save.";
    start = null;
    store(null);
    stopButton.hidden = true;
    startButton.hidden = false;
    startButton.textContent = "Start again";
  }

  startButton.addEventListener("click", function () {
    var now = Date.now();
    store(now);
    emergency.hidden = true;
    duration.value = "";
    startedAt.value = "";
    running(now);
  });
  stopButton.addEventListener("click", stop);
  // Saving while the timer runs stops it first, so the report has its length.
  form.addEventListener("nightjar:before-save", stop);
  form.addEventListener("nightjar:kept", function () {
    duration.value = "";
    startedAt.value = "";
    emergency.hidden = true;
    clock.textContent = "0:00";
    startButton.textContent = "Start";
    status.textContent = "Tap Start when it begins.";
  });

  timer.hidden = false;
  var resumed = stored();
  if (resumed !== null && resumed <= Date.now()) running(resumed);
})();
