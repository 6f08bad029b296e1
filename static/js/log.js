// Log on waking: small comforts on top of a form that works without JavaScript (saving it
// through the phone's queue is static/js/offline.js's part).
(function () {
  "use strict";
  var form = document.querySelector("form.log-form");
  if (!form) return;
  var save = form.querySelector("input[type=submit][name=save]");
  var exact = form.querySelector("input[name=occurred_at]");
  var presets = form.querySelectorAll("input[name=earlier]");

  function labelOf(input) {
    var label = form.querySelector("label[for='" + input.id + "']");
    return label ? label.textContent.trim() : "";
  }

  // The button names what will be saved ("Save cramp · left foot"), as the home button did, and
  // follows every chip, so the thumb confirms the choice. (Without JavaScript it says "Save".)
  function kindWord(input) {
    return input.value === "other" ? "event" : labelOf(input).toLowerCase();
  }
  function nameTheChoice() {
    var kind = form.querySelector("input[name=kind]:checked");
    if (!save || !kind) return;
    var parts = [];
    form.querySelectorAll("input[name=body_parts]:checked").forEach(function (input) {
      parts.push(labelOf(input).toLowerCase());
    });
    save.value = "Save " + kindWord(kind) + (parts.length ? " · " + parts.join(", ") : "");
  }
  form.querySelectorAll("input[name=kind], input[name=body_parts]").forEach(function (input) {
    input.addEventListener("change", nameTheChoice);
  });
  nameTheChoice();

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

  // Back from the confirmation restores this page as it was; a new twitch needs a new id.
  window.addEventListener("pageshow", function (event) {
    var id = form.querySelector("input[name=id]");
    if (event.persisted && id && window.crypto && window.crypto.randomUUID) {
      id.value = window.crypto.randomUUID();
    }
  });
})();
