// Nightjar: the phone knows its own time zone, so nobody has to scroll through 600 of them.
// A time-zone <select> marked data-browser-time-zone="fill" is set to the phone's zone (sign-up,
// where without JavaScript the person picks it);
// one marked "suggest" keeps the saved zone and offers a button to switch (settings).
// Without JavaScript the select still works on its own.
(function () {
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) return;
  // Some browsers name the zone by an old alias (Asia/Calcutta); the page lists canonical names
  // and gives the aliases in a JSON data block.
  var aliases = document.getElementById("time-zone-aliases");
  if (aliases) {
    try {
      zone = JSON.parse(aliases.textContent)[zone] || zone;
    } catch (error) {
      // a broken block leaves the name as the browser gave it
    }
  }

  function hasOption(select) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === zone;
    });
  }

  document.querySelectorAll("select[data-browser-time-zone]").forEach(function (select) {
    if (!hasOption(select) || select.value === zone) return;
    if (select.dataset.browserTimeZone === "fill") {
      select.value = zone;
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary w-100 mt-2";
    button.textContent = "Use this phone's time zone (" + zone + ")";
    button.addEventListener("click", function () {
      select.value = zone;
      button.remove();
      select.focus();
    });
    select.insertAdjacentElement("afterend", button);
  });
})();
