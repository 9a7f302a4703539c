// The receipt pages' print button. Without scripts the button stays hidden and the page
// says to use the browser's Print command instead.
(function () {
  "use strict";
  var button = document.getElementById("print-receipt");
  if (!button) {
    return;
  }
  var hint = document.getElementById("print-hint");
  button.addEventListener("click", function () {
    window.print();
  });
  button.hidden = false;
  if (hint) {
    hint.hidden = true;
  }
})();
