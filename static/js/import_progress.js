// Import page: moves the progress bar of each import of sleep stages that is still running, by
// asking the server every second (without JavaScript, the Refresh link does the same by hand).
(function () {
  var POLL_MS = 1000;
  var RETRY_MS = 5000;

  function follow(item) {
    var bar = item.querySelector("progress");
    var status = item.querySelector(".js-status");
    var read = item.querySelector(".js-read");
    var summary = item.querySelector(".js-summary");
    var error = item.querySelector(".js-error");
    var refresh = item.querySelector(".js-refresh");

    function show(progress) {
      bar.value = progress.percent;
      bar.textContent = progress.percent + " %";
      status.textContent = progress.status_label;
      read.textContent = progress.read_text;
      if (!progress.finished) {
        window.setTimeout(poll, POLL_MS);
        return;
      }
      item.dataset.finished = "yes";
      summary.textContent = progress.summary;
      error.textContent = progress.error;
      if (refresh) {
        refresh.hidden = true;
      }
    }

    function poll() {
      fetch(item.dataset.progressUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(show)
        .catch(function () {
          window.setTimeout(poll, RETRY_MS);
        });
    }

    window.setTimeout(poll, POLL_MS);
  }

  document.querySelectorAll("[data-progress-url]").forEach(function (item) {
    if (item.dataset.finished !== "yes") {
      follow(item);
    }
  });
})();
