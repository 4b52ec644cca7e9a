// The only script of the workbench, and optional: a button beside a template
// error selects the line it names in the editor.
document.querySelectorAll("button.goto").forEach(function (b) {
  b.addEventListener("click", function () {
    var ta = document.querySelector("textarea[name=text]");
    var n = parseInt(b.dataset.line, 10);
    var lines = ta.value.split("\n");
    var start = 0;
    for (var i = 0; i < n - 1 && i < lines.length; i++) start += lines[i].length + 1;
    var end = start + (lines[n - 1] || "").length;
    ta.focus();
    ta.setSelectionRange(start, end);
    // Scroll the line into view: put it about a third down the box.
    ta.scrollTop = Math.max(0, ta.scrollHeight * start / Math.max(ta.value.length, 1) - ta.clientHeight / 3);
  });
});
