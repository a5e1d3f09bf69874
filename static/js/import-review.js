// The import review: select a pledge's words in the article to add it, and show an unticked
// proposal's quote without its highlight. Without this script the page still works: a
// sentence is chosen from a list, and highlights follow the ticks when the page reloads.
(function () {
  "use strict";

  // Offsets count characters as the server does (code points, not UTF-16 units).
  function length(text) {
    return Array.from(text).length;
  }

  function offsetIn(root, node, offset) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return length(range.toString());
  }

  function field(name) {
    return document.getElementById("id_add-" + name);
  }

  function showSelection(text) {
    var shown = document.getElementById("add-selection");
    if (!shown) return;
    shown.hidden = !text;
    shown.querySelector("span").textContent = text;
  }

  function takeSelection() {
    var body = document.querySelector(".article-body[data-selectable]");
    var selection = window.getSelection();
    if (!body || !selection || selection.isCollapsed || selection.rangeCount === 0) return;
    var range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
    var raw = range.toString();
    var quote = raw.trim();
    if (!quote) return;
    var lead = raw.length - raw.replace(/^\s+/, "").length;
    var start = offsetIn(body, range.startContainer, range.startOffset) + length(raw.slice(0, lead));
    field("start").value = start;
    field("end").value = start + length(quote);
    field("quote").value = quote;
    field("sentence").value = "";
    showSelection(quote);
  }

  document.addEventListener("mouseup", takeSelection);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) takeSelection();
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "id_add-sentence" && target.value) {
      field("start").value = "";
      field("end").value = "";
      field("quote").value = "";
      showSelection("");
      return;
    }
    var match = /^id_(.+)-include$/.exec(target.id || "");
    if (!match) return;
    var row = target.closest("fieldset.candidate");
    var mark = row && document.getElementById(row.id.replace("candidate-", "quote-"));
    if (mark) mark.classList.toggle("unticked", !target.checked);
  });
})();
