// The workbench's only script, and optional: every page works without it.
// A button beside a template error selects the line it names in the editor.
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

// A form marked data-guard (the template editor, the settings) warns before
// the page is left with changes not saved: its fields as loaded are compared
// with the fields now. data-unsaved marks a form shown again after a refused
// save, whose text is not saved yet anyway.
document.querySelectorAll("form[data-guard]").forEach(function (f) {
  var state = function () {
    return Array.prototype.map.call(f.elements, function (el) {
      return el.name + "=" + (el.type === "checkbox" ? el.checked : el.value);
    }).join("\n");
  };
  var loaded = f.hasAttribute("data-unsaved") ? null : state();
  var submitting = false;
  f.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (e) {
    if (submitting || state() === loaded) return;
    e.preventDefault();
    e.returnValue = "";
  });
  window.addEventListener("pageshow", function () { submitting = false; });
});

// A form marked data-busy (issuing) shows its busy line with a spinner and
// disables its buttons once submitted, so a slow request is not sent twice.
// Without a script the form simply submits.
document.querySelectorAll("form[data-busy]").forEach(function (f) {
  f.addEventListener("submit", function () {
    f.classList.add("is-busy");
    f.setAttribute("aria-busy", "true");
    // Disable after the submission has started: a disabled button at submit
    // time would cancel nothing, but keep it clickable for this event.
    setTimeout(function () {
      f.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    }, 0);
  });
  // Back from the next page (the browser's page cache): usable again.
  window.addEventListener("pageshow", function () {
    f.classList.remove("is-busy");
    f.removeAttribute("aria-busy");
    f.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
  });
});
