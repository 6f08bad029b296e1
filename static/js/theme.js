// Nightjar: under the automatic theme, follow the phone's dark setting as well as the clock.
// Runs before the stylesheets load, so the page never flashes white.
(function () {
  var root = document.documentElement;
  if (root.dataset.themeSetting === "auto" && window.matchMedia &&
      window.matchMedia("(prefers-color-scheme: dark)").matches) {
    root.setAttribute("data-bs-theme", "dark");
  }
})();
