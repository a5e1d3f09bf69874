// Copy buttons for read-only fields: <button data-copy="field-id" hidden>. Without
// JavaScript the buttons stay hidden and the field's text can be selected and copied by hand.
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) status.textContent = text;
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { say(button, "Copied."); },
        function () { say(button, "Press Ctrl+C (⌘C) to copy."); }
      );
    } else {
      say(button, document.execCommand && document.execCommand("copy") ? "Copied." : "Press Ctrl+C (⌘C) to copy.");
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
