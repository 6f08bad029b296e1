// Standard-drinks calculator on the night page: works out the answer as you type and adds it to
// the drinks box without reloading, so drinks of different kinds add up (the page does the same
// on the server when JavaScript is off).
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
        "≈ " + drinks.toFixed(2) + " standard drinks. Tap “Add to the drinks box” to add them.";
    }

    [volume, strength, count].forEach(function (input) {
      input.addEventListener("input", show);
    });

    button.addEventListener("click", function (event) {
      var drinks = work();
      if (drinks === null) return; // let the server explain what is missing
      event.preventDefault();
      var soFar = number(drinksBox);
      if (!(soFar >= 0)) soFar = 0;
      drinksBox.value = (Math.round((soFar + drinks) * 10) / 10).toFixed(1);
      result.textContent = "≈ " + drinks.toFixed(2) + " standard drinks added: the drinks box " +
        "now says " + drinksBox.value + ". Add another kind the same way; save to keep it.";
      drinksBox.focus();
    });
  }

  document.querySelectorAll("[data-drinks-calculator]").forEach(setUp);
})();
