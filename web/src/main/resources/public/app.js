// Freshet UI behaviour. No inline scripts anywhere (the Content-Security-Policy forbids them): everything is here.
(function () {
  "use strict";

  // Forms that change something important ask first.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  // The runs filter applies as soon as a choice changes.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.form && select.form.id === "run-filters") {
      select.form.submit();
    }
  });

  // Compare needs exactly two runs ticked.
  function updateCompare() {
    var form = document.getElementById("compare-form");
    if (!form) {
      return;
    }
    var ticked = form.querySelectorAll("input[name=runs]:checked").length;
    var button = document.getElementById("compare-submit");
    button.disabled = ticked !== 2;
    button.textContent = ticked === 2 ? "Compare side by side" : "Compare side by side (" + ticked + "/2 ticked)";
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "runs") {
      updateCompare();
    }
  });

  // A followed log stays scrolled to its end while new lines arrive, unless the reader scrolled up.
  var stickToEnd = true;
  window.addEventListener("scroll", function () {
    stickToEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.closest && event.target.closest("#log") && stickToEnd) {
      window.scrollTo(0, document.body.scrollHeight);
    }
  });

  document.addEventListener("DOMContentLoaded", updateCompare);
})();
