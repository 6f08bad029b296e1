// Nightjar: under the automatic theme, follow the phone's dark setting as well as the clock.
// Runs before the stylesheets load, so the page never flashes white.
(function () {
  var root = document.documentElement;
  // Scripts run here: styles can show their controls from the first paint (report.css).
  root.classList.add("js");
  if (root.dataset.themeSetting === "auto" && window.matchMedia &&
      window.matchMedia("(prefers-color-scheme: dark)").matches) {
    root.setAttribute("data-bs-theme", "dark");
  }
})();
