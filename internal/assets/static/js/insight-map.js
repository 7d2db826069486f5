// Interactive map of /rete on the operator's tile server, with Leaflet.
//
// Progressive enhancement of <div data-map-tiles="…">: the page already
// shows the map drawn on the server (it works without JavaScript and
// prints) and the table of the same members. This script, loaded only when
// a tile server is configured, turns the container into a map that pans and
// zooms, with the mouse or the keyboard (arrow keys, + and −), and puts the
// members of /rete/mappa.json on it. All settings come from data- attributes
// because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  var svgNS = "http://www.w3.org/2000/svg";

  // Leaflet writes attributions as HTML; the operator's credit is text.
  function escapeHTML(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function radius(stages) {
    return Math.min(3 + 1.6 * Math.sqrt(stages), 12) + 2;
  }

  function popup(b) {
    var p = document.createElement("p");
    var a = document.createElement("a");
    a.href = "/enti/" + encodeURIComponent(b.slug);
    a.textContent = b.name;
    p.appendChild(a);
    return p;
  }

  function setup(box) {
    var wrap = box.closest("[data-map-wrap]") || box;
    // Leaflet measures the container, so it must be shown first.
    wrap.hidden = false;
    var map = L.map(box, { keyboard: true, scrollWheelZoom: false, zoomControl: false, center: [42.5, 12.5], zoom: 5 });
    // The zoom buttons speak the page's language, not Leaflet's English.
    L.control.zoom({
      zoomInTitle: box.getAttribute("data-map-zoom-in") || "+",
      zoomOutTitle: box.getAttribute("data-map-zoom-out") || "−"
    }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(box.getAttribute("data-map-tiles"), {
      attribution: escapeHTML(box.getAttribute("data-map-attribution") || ""),
      maxZoom: 18
    }).addTo(map);

    fetch(box.getAttribute("data-map-json"), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) {
        var points = [];
        (data.bodies || []).forEach(function (b) {
          if (b.latitude === null || b.longitude === null) return;
          var ll = [b.latitude, b.longitude];
          var cls = "geo-marker insight-kind-" + b.kind + (b.hosted > 0 ? " insight-host" : "");
          var m = L.circleMarker(ll, { radius: radius(b.stages), className: cls, fillOpacity: 0.85, weight: 1 })
            .bindPopup(popup(b))
            .bindTooltip(b.name)
            .addTo(map);
          var path = m.getElement();
          if (path) {
            var t = document.createElementNS(svgNS, "title");
            t.textContent = b.name;
            path.appendChild(t);
          }
          points.push(ll);
        });
        if (points.length) map.fitBounds(points, { padding: [20, 20], maxZoom: 11 });
      })
      .catch(function () {
        // The server-drawn map and the table above still show everything.
        wrap.hidden = true;
      });
  }

  function start() {
    if (typeof L === "undefined") return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-map-tiles]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
