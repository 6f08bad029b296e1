// Share page: a Copy button for the new link (without JavaScript the link is selectable text).
(function () {
  var field = document.getElementById("share-url");
  var button = document.querySelector(".js-copy-link");
  if (!field || !button) {
    return;
  }
  field.addEventListener("focus", function () {
    field.select();
  });
  if (!navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value.trim()).then(function () {
      button.textContent = "Copied";
    });
  });
})();
