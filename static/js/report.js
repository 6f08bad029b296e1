// Report page: a Print button for those who have JavaScript (everyone else is told to use the
// browser's Print, which gives the same printout).
(function () {
  var button = document.querySelector(".js-print");
  var hint = document.querySelector(".js-print-hint");
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
