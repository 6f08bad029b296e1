// Log on waking: small comforts on top of a form that works without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form.log-form");
  if (!form) return;
  var save = form.querySelector("input[type=submit][name=save]");
  var exact = form.querySelector("input[name=occurred_at]");
  var presets = form.querySelectorAll("input[name=earlier]");
  var sent = false;

  // The button names what will be saved ("Save cramp"), so the choice is confirmed by the thumb.
  function kindWord(input) {
    if (input.value === "other") return "event";
    var label = form.querySelector("label[for='" + input.id + "']");
    return label ? label.textContent.trim().toLowerCase() : "event";
  }
  form.querySelectorAll("input[name=kind]").forEach(function (input) {
    input.addEventListener("change", function () {
      if (input.checked && save) save.value = "Save " + kindWord(input);
    });
  });

  // An exact time wins over the presets, so tapping a preset clears it and typing one unticks them.
  presets.forEach(function (input) {
    input.addEventListener("change", function () {
      if (exact) exact.value = "";
    });
  });
  if (exact) {
    exact.addEventListener("input", function () {
      if (exact.value) presets.forEach(function (input) { input.checked = false; });
    });
  }

  // A double tap sends one request; the server would recognise the second by its id anyway.
  form.addEventListener("submit", function (event) {
    if (sent) event.preventDefault();
    sent = true;
  });

  // Back from the confirmation restores this page as it was; a new twitch needs a new id.
  window.addEventListener("pageshow", function (event) {
    sent = false;
    var id = form.querySelector("input[name=id]");
    if (event.persisted && id && window.crypto && window.crypto.randomUUID) {
      id.value = window.crypto.randomUUID();
    }
  });
})();
