// The territory map: Leaflet (vendored from npm, web/tools) drawing the territories' GeoJSON,
// and a click-to-place outline for drawing one. The Rust pages call `window.cbMap`; this file
// holds no state of the app beyond the map itself. With no tile server set (or none reachable)
// the shapes draw on the plain background.
(function () {
  "use strict";
  const map = { m: null, shapes: null, draft: [], draftLayer: null, drawing: false };

  map.init = function (elementId, tileUrl) {
    const el = document.getElementById(elementId);
    if (!el || typeof L === "undefined") return false;
    if (map.m) { map.m.remove(); }
    map.m = L.map(el, { zoomSnap: 0.25 }).setView([39.5, -98.35], 4);
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: "Map tiles" }).addTo(map.m);
    }
    map.shapes = L.layerGroup().addTo(map.m);
    map.draft = [];
    map.draftLayer = null;
    map.drawing = false;
    map.m.on("click", function (e) {
      if (!map.drawing) return;
      map.draft.push([round(e.latlng.lng), round(e.latlng.lat)]);
      redrawDraft();
    });
    return true;
  };

  function round(x) { return Math.round(x * 1e6) / 1e6; }

  function redrawDraft() {
    if (map.draftLayer) { map.draftLayer.remove(); }
    const pts = map.draft.map(function (p) { return [p[1], p[0]]; });
    map.draftLayer = pts.length >= 3
      ? L.polygon(pts, { color: "#f0b429", dashArray: "4 4" }).addTo(map.m)
      : L.polyline(pts, { color: "#f0b429", dashArray: "4 4" }).addTo(map.m);
  }

  // Draws a FeatureCollection (the export); `selected` is outlined; a click calls onSelect(id).
  map.show = function (collectionJson, selected, onSelect) {
    if (!map.m) return;
    map.shapes.clearLayers();
    const fc = JSON.parse(collectionJson);
    const bounds = [];
    fc.features.forEach(function (f) {
      if (!f.geometry) return;
      const p = f.properties || {};
      const layer = L.geoJSON(f.geometry, {
        style: {
          color: p.color || "#1f6feb",
          weight: f.id === selected ? 4 : 1.5,
          fillOpacity: p.active === false ? 0.05 : 0.18,
          dashArray: p.active === false ? "3 3" : null,
        },
      });
      layer.on("click", function (e) {
        if (map.drawing) return;
        L.DomEvent.stopPropagation(e);
        onSelect(f.id);
      });
      layer.bindTooltip(p.name || "");
      layer.addTo(map.shapes);
      if (!selected || f.id === selected) bounds.push(layer.getBounds());
    });
    if (bounds.length) {
      let b = bounds[0];
      bounds.slice(1).forEach(function (x) { b = b.extend(x); });
      map.m.fitBounds(b, { padding: [20, 20], maxZoom: 13 });
    }
  };

  map.startDraw = function () { map.drawing = true; map.draft = []; redrawDraft(); };

  // The drawn outline as a GeoJSON Polygon (the ring closed), or "" with fewer than 3 points.
  map.finishDraw = function () {
    map.drawing = false;
    if (map.draftLayer) { map.draftLayer.remove(); map.draftLayer = null; }
    if (map.draft.length < 3) { map.draft = []; return ""; }
    const ring = map.draft.concat([map.draft[0]]);
    map.draft = [];
    return JSON.stringify({ type: "Polygon", coordinates: [ring] });
  };

  map.cancelDraw = function () { map.finishDraw(); };

  // How many points the outline being drawn has (the page shows it).
  map.draftPoints = function () { return map.draft.length; };

  window.cbMap = map;
})();
