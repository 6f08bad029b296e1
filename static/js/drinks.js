// Standard-drinks calculator on the night page: works out the answer as you type and fills the
// drinks box without reloading (the page does the same on the server when JavaScript is off).
(function () {
  "use strict";
  var ETHANOL_DENSITY = 0.789; // g per ml
  var GRAMS_PER_DRINK = 14;

  function number(input) {
    var value = parseFloat(input && input.value);
    return isFinite(value) ? value : NaN;
  }

  function setUp(calculator) {
    var form = calculator.closest("form");
    var volume = calculator.querySelector("[name='drink-volume_ml']");
    var strength = calculator.querySelector("[name='drink-abv_percent']");
    var count = calculator.querySelector("[name='drink-count']");
    var button = calculator.querySelector("button[name='calculate']");
    var result = calculator.querySelector("[data-drinks-result]");
    var drinksBox = form && form.querySelector("[name='alcohol_drinks']");
    if (!volume || !strength || !count || !button || !result || !drinksBox) return;

    function work() {
      var ml = number(volume), abv = number(strength), n = number(count) || 1;
      if (!(ml > 0) || !(abv >= 0) || abv > 100) return null;
      return (n * ml * (abv / 100) * ETHANOL_DENSITY) / GRAMS_PER_DRINK;
    }

    function show() {
      var drinks = work();
      result.textContent = drinks === null ? "" :
        "≈ " + drinks.toFixed(2) + " standard drinks. Tap “Work it out” to put it in the drinks box.";
    }

    [volume, strength, count].forEach(function (input) {
      input.addEventListener("input", show);
    });

    button.addEventListener("click", function (event) {
      var drinks = work();
      if (drinks === null) return; // let the server explain what is missing
      event.preventDefault();
      drinksBox.value = (Math.round(drinks * 10) / 10).toFixed(1);
      result.textContent = "≈ " + drinks.toFixed(2) + " standard drinks: " + drinksBox.value +
        " is now in the drinks box. Save to keep it.";
      drinksBox.focus();
    });
  }

  document.querySelectorAll("[data-drinks-calculator]").forEach(setUp);
})();
