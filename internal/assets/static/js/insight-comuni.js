// Type-ahead for choosing an Italian Comune from the ISTAT registry.
//
// Progressive enhancement of <input data-comuni-typeahead="/enti/comuni.json">:
// the input keeps working as a plain search field without JavaScript. With it,
// suggestions appear as an ARIA 1.2 combobox (arrow keys, Enter, Escape).
// Choosing one fills the fields named by data-fill-* attributes on the input
// (CSS selectors): data-fill-code, data-fill-name, data-fill-province,
// data-fill-province-code, data-fill-region, data-fill-population.
// With data-comuni-link the form is submitted with the chosen name instead.
// An ancestor marked data-comuni-reveal (hidden in the markup, for a search
// that is useless without JavaScript) is shown.
(function () {
  "use strict";

  var fields = ["code", "name", "province", "province_code", "region", "population"];

  function attr(name) {
    return "data-fill-" + name.replace("_", "-");
  }

  function setup(input, n) {
    var url = input.getAttribute("data-comuni-typeahead");
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var items = [];
    var active = -1;
    var timer = null;
    var seq = 0;

    list.id = "comuni-list-" + n;
    list.setAttribute("role", "listbox");
    list.className = "insight-typeahead-list list-unstyled";
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    // A search that only works with JavaScript is hidden in the markup
    // (data-comuni-reveal) and shown here, once it can work.
    var reveal = input.closest("[data-comuni-reveal]");
    if (reveal) {
      reveal.hidden = false;
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      var options = list.children;
      for (var k = 0; k < options.length; k++) {
        options[k].setAttribute("aria-selected", k === i ? "true" : "false");
      }
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", options[i].id);
      }
    }

    function choose(i) {
      var c = items[i];
      if (!c) {
        return;
      }
      input.value = c.name;
      close();
      fields.forEach(function (f) {
        var sel = input.getAttribute(attr(f));
        var target = sel && document.querySelector(sel);
        if (target) {
          target.value = String(c[f]);
          target.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
      if (input.hasAttribute("data-comuni-link") && input.form) {
        input.form.submit();
      }
    }

    function show(comuni) {
      items = comuni;
      list.textContent = "";
      comuni.forEach(function (c, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = c.name + " (" + c.province_code + ") · " + c.code;
        li.addEventListener("mousedown", function (e) {
          e.preventDefault();
          choose(i);
        });
        list.appendChild(li);
      });
      // The words come from the page (data-msg-one, data-msg-other), which
      // renders them from the translation catalogue.
      var msg = input.getAttribute(comuni.length === 1 ? "data-msg-one" : "data-msg-other") || "{n}";
      status.textContent = msg.replace("{n}", String(comuni.length));
      list.hidden = comuni.length === 0;
      input.setAttribute("aria-expanded", comuni.length ? "true" : "false");
      active = -1;
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) {
        show([]);
        return;
      }
      var mine = ++seq;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { comuni: [] }; })
        .then(function (data) {
          if (mine === seq) {
            show(data.comuni || []);
          }
        })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (e) {
      // A search that only fills other fields (no data-comuni-link) must
      // not submit the form it sits in: Enter there is never "save".
      if (e.key === "Enter" && !input.hasAttribute("data-comuni-link") && (list.hidden || active < 0)) {
        e.preventDefault();
        return;
      }
      if (list.hidden) {
        return;
      }
      if (e.key === "ArrowDown") {
        e.preventDefault();
        highlight(Math.min(active + 1, items.length - 1));
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (e.key === "Escape") {
        close();
      }
    });
    // Some input paths deliver Enter's keypress apart from its keydown; the
    // keypress is what submits a form, so it is stopped here too.
    input.addEventListener("keypress", function (e) {
      if (e.key === "Enter" && !input.hasAttribute("data-comuni-link")) {
        e.preventDefault();
      }
    });
    input.addEventListener("blur", close);
  }

  var inputs = document.querySelectorAll("input[data-comuni-typeahead]");
  for (var i = 0; i < inputs.length; i++) {
    setup(inputs[i], i);
  }
})();
