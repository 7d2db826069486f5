// Live preview of Markdown fields in the backoffice. The form works without
// it; with it, each Markdown textarea shows below itself the sanitised HTML
// the public page will show, rendered by the server.
(function () {
  "use strict";
  function setup(area) {
    var target = document.getElementById(area.getAttribute("data-markdown-preview"));
    if (!target) { return; }
    var timer = null;
    var seq = 0;
    function refresh() {
      var mine = ++seq;
      var body = new URLSearchParams();
      body.set("text", area.value);
      fetch("/admin/anteprima", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString()
      }).then(function (res) {
        if (!res.ok) { throw new Error(String(res.status)); }
        return res.text();
      }).then(function (html) {
        if (mine !== seq) { return; }
        // The server has already sanitised the HTML with the public pages' policy.
        target.innerHTML = html;
        target.hidden = area.value.trim() === "";
      }).catch(function () { /* the preview is a convenience: keep the form usable */ });
    }
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
    if (area.value.trim() !== "") { refresh(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var areas = document.querySelectorAll("textarea[data-markdown-preview]");
    for (var i = 0; i < areas.length; i++) { setup(areas[i]); }
  });
})();
