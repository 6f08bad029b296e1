// Report page: a Print button for those who have JavaScript (everyone else is told to use the
// browser's Print, which gives the same printout), and every week of the appendix opened while
// printing for browsers whose print stylesheet cannot open a closed <details> by itself.
(function () {
  var button = document.querySelector(".js-print");
  var hint = document.querySelector(".js-print-hint");
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.report-week:not([open])").forEach(function (week) {
      week.open = true;
      opened.push(week);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (week) {
      week.open = false;
    });
    opened = [];
  });
  if (!button || !window.print) {
    return;
  }
  button.hidden = false;
  if (hint) {
    hint.hidden = true;
  }
  button.addEventListener("click", function () {
    window.print();
  });
})();
