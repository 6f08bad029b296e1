// Under each notes box (a textarea with data-counter and maxlength), the characters left, shown
// once the text is within a tenth of the limit. Nothing needs it: without JavaScript the
// browser's maxlength and the server's own check keep the limit.
(function () {
  "use strict";

  function attach(box) {
    var limit = parseInt(box.getAttribute("maxlength"), 10);
    if (!limit) {
      return;
    }
    var counter = document.createElement("div");
    counter.className = "form-text notes-counter";
    counter.id = box.id + "-counter";
    counter.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", counter);
    box.setAttribute(
      "aria-describedby",
      ((box.getAttribute("aria-describedby") || "") + " " + counter.id).trim()
    );

    function update() {
      var left = limit - box.value.length;
      counter.hidden = left > limit / 10;
      counter.textContent = left === 1 ? "1 character left" : left + " characters left";
    }

    box.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("textarea[data-counter][maxlength]").forEach(attach);
})();
