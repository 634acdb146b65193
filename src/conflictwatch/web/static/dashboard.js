// conflictwatch dashboard: filters -> /api/events (a page for the table, map points), /api/trends
// (timeline), /api/alerts, /api/offensives and /api/sources (panels) -> Leaflet map with clustering, timeline with
// brushing, sortable paginated table, event detail with the words behind each field, review and
// corrections (with an analyst token).
// Vanilla JS, no build step, nothing fetched beyond this server unless online tiles are configured.
// Text from reports is only ever inserted with textContent or setAttribute (never as HTML).
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const OTHER_COLOUR = "#7f7f7f";
  const AREA_FILL = "#f7f3e8";
  const AREA_LINE = "#b3a98f";
  const MAP_BACKGROUND = "#dde8ef";
  const PAGE = 100;
  const MAP_PAGE = 1000;
  const MAP_MAX = 5000;
  const DAY_MS = 86400000;
  const FILTERS = ["since", "until", "country", "admin1", "type", "actor", "status"];
  const SOURCES_EVERY_MS = 60000;

  const state = {
    meta: null, map: null, cluster: null, markers: new Map(), offensiveLine: null, labels: null,
    page: { offset: 0, total: 0, sort: "-event_date" }, view: "events", selected: null, trends: [],
    // Each refresh has a number; a response that arrives after a newer refresh began is dropped,
    // so a slow answer to old filters never overwrites the answer to the new ones.
    generation: 0,
  };

  const stale = (gen) => gen !== undefined && gen !== state.generation;

  // -- small DOM helpers ---------------------------------------------------------------------

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function plural(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many || one + "s");
  }

  function colour(type) {
    return (state.meta && state.meta.colours[type]) || OTHER_COLOUR;
  }

  function radius(fatalities) {
    return Math.min(30, 5 + 2.5 * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  function showMessage(text) {
    $("message").textContent = text || "";
    $("message").hidden = !text;
  }

  function token() {
    return sessionStorage.getItem("conflictwatch-token") || "";
  }

  async function getJSON(url, options) {
    const opts = Object.assign({}, options || {});
    opts.headers = Object.assign({}, opts.headers || {});
    if (token()) opts.headers.Authorization = "Bearer " + token();
    const response = await fetch(url, opts);
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.status + " " + response.statusText;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function postJSON(url, body) {
    return getJSON(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  // -- filters and the address ------------------------------------------------------------------

  function filters() {
    const form = $("filters");
    const out = new URLSearchParams();
    for (const name of FILTERS) {
      const value = (form.elements[name].value || "").trim();
      if (value) out.set(name, value);
    }
    return out;
  }

  function filtersFromAddress() {
    const query = new URLSearchParams(location.search);
    const form = $("filters");
    for (const name of FILTERS) {
      const value = query.get(name) || "";
      const field = form.elements[name];
      if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
        field.appendChild(el("option", { value: value }, value));
      }
      field.value = value;
    }
  }

  function syncAddress() {
    const query = filters().toString();
    const url = location.pathname + (query ? "?" + query : "") + location.hash;
    history.replaceState(null, "", url);
  }

  // -- setup ------------------------------------------------------------------------------------

  function fillSelects() {
    const form = $("filters");
    for (const [type, subs] of Object.entries(state.meta.event_types)) {
      const group = el("optgroup", { label: type });
      group.appendChild(el("option", { value: type }, "All " + type));
      for (const sub of subs) group.appendChild(el("option", { value: sub }, sub));
      form.elements.type.appendChild(group);
    }
    for (const country of state.meta.countries) form.elements.country.appendChild(el("option", { value: country }, country));
    for (const status of state.meta.statuses) form.elements.status.appendChild(el("option", { value: status }, status));
    const correct = $("correct");
    for (const type of Object.keys(state.meta.event_types)) {
      correct.elements.event_type.appendChild(el("option", { value: type }, type));
    }
    correct.elements.event_type.addEventListener("change", () => fillSubTypes(correct.elements.event_type.value, ""));
  }

  function fillSubTypes(type, chosen) {
    const select = clear($("correct").elements.sub_event_type);
    for (const sub of state.meta.event_types[type] || []) select.appendChild(el("option", { value: sub }, sub));
    if (chosen) select.value = chosen;
  }

  function drawLegend() {
    const box = clear($("legend"));
    const types = el("ul", { class: "types" });
    for (const type of Object.keys(state.meta.event_types)) {
      const item = el("li");
      item.appendChild(el("span", { class: "swatch", "data-colour": colour(type) }));
      item.lastChild.style.backgroundColor = colour(type);
      item.appendChild(document.createTextNode(type));
      types.appendChild(item);
    }
    box.appendChild(types);
    const sizes = el("ul", { class: "sizes" });
    sizes.appendChild(el("li", { class: "caption" }, "Fatalities:"));
    for (const n of [0, 10, 50, 100]) {
      const item = el("li");
      const dot = el("span", { class: "dot" });
      const r = radius(n);
      dot.style.width = dot.style.height = 2 * r + "px";
      item.appendChild(dot);
      item.appendChild(document.createTextNode(String(n)));
      sizes.appendChild(item);
    }
    const cl = el("li");
    cl.appendChild(el("span", { class: "cluster-sample" }, "12"));
    cl.appendChild(document.createTextNode("events grouped at this zoom"));
    sizes.appendChild(cl);
    box.appendChild(sizes);
  }

  function setupMap() {
    const map = L.map("map", { zoomControl: true, attributionControl: true, minZoom: 3, maxZoom: 14 });
    map.attributionControl.setPrefix("Leaflet");
    $("map").style.background = MAP_BACKGROUND;
    map.setView([15.5, -2.5], 5);
    if (state.meta.tiles) {
      L.tileLayer(state.meta.tiles, { maxZoom: 18, attribution: "Tiles: configured server" }).addTo(map);
    }
    state.cluster = L.markerClusterGroup({
      maxClusterRadius: 45, disableClusteringAtZoom: 10, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      animate: false,
      iconCreateFunction: clusterIcon,
    });
    map.addLayer(state.cluster);
    state.labels = L.layerGroup().addTo(map);
    map.on("zoomend", placeLabels);
    state.map = map;
  }

  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const counts = {};
    for (const m of children) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const size = 26 + Math.min(24, Math.round(6 * Math.log10(children.length + 1) * 2));
    const node = el("div", { class: "cluster-icon" }, String(children.length));
    node.style.width = node.style.height = node.style.lineHeight = size + "px";
    node.style.borderColor = colour(top);
    return L.divIcon({ html: node, className: "cluster", iconSize: [size, size] });
  }

  async function loadBoundaries() {
    try {
      const geo = await getJSON("api/boundaries");
      L.geoJSON(geo, {
        interactive: false,
        style: () => ({ color: AREA_LINE, weight: 1, fillColor: AREA_FILL, fillOpacity: 1 }),
      }).addTo(state.map).bringToBack();
      state.areas = geo.features.filter((f) => f.properties.label);
      placeLabels();
    } catch (err) {
      const note = $("map-note");
      note.textContent = err.status === 404
        ? "No admin-1 boundaries installed: run `conflictwatch setup --boundaries FILE.geojson` to draw them " +
          "(or start the server with --tiles for an online base map). Events are drawn without borders."
        : "The admin-1 boundaries could not be loaded: " + err.message;
      note.hidden = false;
    }
  }

  function placeLabels() {
    if (!state.labels) return;
    state.labels.clearLayers();
    const zoom = state.map.getZoom();
    const countries = new Set(state.meta.countries);
    for (const f of state.areas || []) {
      if (zoom < 7 && !countries.has(f.properties.country)) continue;  // neighbours' names only up close
      const [lon, lat] = f.properties.label;
      const node = el("span", { class: "area-label" }, f.properties.name);
      state.labels.addLayer(L.marker([lat, lon], {
        icon: L.divIcon({ html: node, className: "label", iconSize: null }), interactive: false, keyboard: false,
      }));
    }
    if (zoom >= 8) {
      const seen = new Set();
      for (const m of state.markers.values()) {
        const name = m.options.place;
        if (!name || seen.has(name)) continue;
        seen.add(name);
        const node = el("span", { class: "place-label" }, name);
        state.labels.addLayer(L.marker(m.getLatLng(), {
          icon: L.divIcon({ html: node, className: "label", iconSize: null, iconAnchor: [-8, 6] }),
          interactive: false, keyboard: false,
        }));
      }
    }
  }

  // -- loading ----------------------------------------------------------------------------------

  function tableQuery() {
    const q = filters();
    if (state.view === "queue") {
      q.set("status", "automatic");
      q.set("sort", "review");
    } else {
      q.set("sort", state.page.sort);
    }
    q.set("offset", String(state.page.offset));
    q.set("limit", String(PAGE));
    return q;
  }

  async function refresh() {
    syncAddress();
    const base = filters();
    for (const [id, fmt] of [["download-csv", "csv"], ["download-geojson", "geojson"]]) {
      const q = new URLSearchParams(base);
      q.set("format", fmt);
      $(id).setAttribute("href", "api/events?" + q.toString());
    }
    showMessage("");
    const gen = ++state.generation;
    document.body.dataset.loading = String(gen);
    try {
      await Promise.all([loadTable(gen), loadMap(gen), loadTimeline(gen), loadAlerts(gen), loadOffensives(gen),
        loadSources(gen)]);
    } catch (err) {
      if (!stale(gen)) showMessage(err.message);
    } finally {
      // the page is settled once the newest refresh has drawn everything
      if (!stale(gen)) delete document.body.dataset.loading;
    }
  }

  async function loadTable(gen) {
    const page = await getJSON("api/events?" + tableQuery().toString());
    if (stale(gen)) return;
    state.page.total = page.total;
    drawTable(page);
  }

  async function loadMap(gen) {
    const q = filters();
    q.set("fields", "event_id,event_date,event_type,sub_event_type,latitude,longitude,fatalities,location,admin1");
    q.set("limit", String(MAP_PAGE));
    const points = [];
    let total = 0;
    for (let offset = 0; offset < MAP_MAX; offset += MAP_PAGE) {
      q.set("offset", String(offset));
      const page = await getJSON("api/events?" + q.toString());
      if (stale(gen)) return;
      total = page.total;
      points.push(...page.events);
      if (page.next_offset === null) break;
    }
    drawMap(points, total);
    const stats = await getJSON("api/stats");
    if (stale(gen)) return;
    drawSummary(total, points, stats);
  }

  function drawSummary(total, points, stats) {
    const deaths = points.reduce((n, e) => n + (e.fatalities || 0), 0);
    $("summary").textContent = plural(total, "event") + ", " + plural(deaths, "fatality", "fatalities") +
      (total > points.length ? " (map: the " + points.length.toLocaleString("en") + " newest)" : "");
    const empty = $("empty");
    if (stats.events === 0) {
      empty.textContent = "The store holds no events yet. Run `conflictwatch demo` for sample data, or " +
        "`conflictwatch ingest REPORTS`, then `conflictwatch extract --stored` and `conflictwatch merge`.";
      empty.hidden = false;
    } else if (total === 0) {
      empty.textContent = "No event matches these filters. Clear them (Clear) or widen the dates.";
      empty.hidden = false;
    } else {
      empty.hidden = true;
    }
  }

  function drawMap(points, total) {
    state.cluster.clearLayers();
    state.markers.clear();
    const layers = [];
    let unplaced = 0;
    for (const e of points) {
      if (e.latitude === null || e.longitude === null) {
        unplaced += 1;
        continue;
      }
      const marker = L.circleMarker([e.latitude, e.longitude], {
        radius: radius(e.fatalities), color: "#333", weight: 1, fillColor: colour(e.event_type), fillOpacity: 0.85,
        eventType: e.event_type, place: e.location, className: "event-marker",
      });
      // a DOM node, not a string: Leaflet would parse a string as HTML
      marker.bindTooltip(el("span", {}, e.event_date + " · " + e.sub_event_type + " · " + (e.location || e.admin1) +
        " · " + plural(e.fatalities || 0, "fatality", "fatalities")));
      marker.on("click", () => openEvent(e.event_id));
      marker.eventId = e.event_id;
      state.markers.set(e.event_id, marker);
      layers.push(marker);
    }
    state.cluster.addLayers(layers);
    $("map").dataset.markers = String(layers.length);
    const note = $("map-note");
    if (unplaced && note.textContent.indexOf("boundaries") < 0) {
      note.textContent = plural(unplaced, "event") + " without coordinates are in the table but not on the map.";
      note.hidden = false;
    }
    if (layers.length) {
      state.map.fitBounds(L.featureGroup(layers).getBounds().pad(0.2), { maxZoom: 8 });
    }
    placeLabels();
  }

  function drawTable(page) {
    const body = clear($("events").tBodies[0]);
    for (const e of page.events) {
      const row = el("tr", { "data-event-id": e.event_id, tabindex: "0" });
      row.appendChild(el("td", { class: "nowrap" }, e.event_date));
      const type = el("td");
      const sw = el("span", { class: "swatch" });
      sw.style.backgroundColor = colour(e.event_type);
      type.appendChild(sw);
      type.appendChild(el("span", {}, e.event_type));
      type.appendChild(el("br"));
      type.appendChild(el("small", {}, e.sub_event_type));
      row.appendChild(type);
      row.appendChild(el("td", {}, e.actor1 + (e.actor2 ? " vs " + e.actor2 : "")));
      row.appendChild(el("td", {}, e.location || "–"));
      row.appendChild(el("td", {}, e.admin1));
      row.appendChild(el("td", { class: "num" }, e.fatalities_unknown && !e.fatalities ? "?" : e.fatalities));
      row.appendChild(el("td", { class: "num" }, (e.confidence || 0).toFixed(2)));
      row.appendChild(el("td", { class: "status-" + e.status }, e.status));
      row.addEventListener("click", () => openEvent(e.event_id));
      row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvent(e.event_id); });
      body.appendChild(row);
    }
    const first = page.total ? page.offset + 1 : 0;
    $("page-info").textContent = first + "–" + (page.offset + page.events.length) + " of " +
      page.total.toLocaleString("en") + (state.view === "queue" ? " awaiting review (lowest confidence, most fatalities first)" : "");
    $("prev-page").disabled = page.offset === 0;
    $("next-page").disabled = page.next_offset === null;
    for (const th of document.querySelectorAll("#events th")) {
      const key = th.dataset.sort;
      th.setAttribute("aria-sort", state.page.sort === key ? "ascending" : state.page.sort === "-" + key ? "descending" : "none");
    }
    const note = $("table-note");
    note.hidden = page.events.length > 0;
    note.textContent = state.view === "queue" ? "Nothing awaits review under these filters." : "No event to show.";
  }

  // -- timeline with brushing -----------------------------------------------------------------

  async function loadTimeline(gen) {
    const q = filters();
    q.delete("since");
    q.delete("until");
    q.set("period", "week");
    q.set("by", "event_type");
    const trends = await getJSON("api/trends?" + q.toString());
    if (stale(gen)) return;
    state.trends = trends;
    drawTimeline();
  }

  function drawTimeline() {
    const box = clear($("timeline"));
    const W = 900, H = 160, left = 34, bottom = 22, top = 8;
    const rows = state.trends;
    if (!rows.length) {
      box.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty-chart" },
        "No events to chart."));
      return;
    }
    const weeks = new Map();
    for (const r of rows) {
      const w = weeks.get(r.period_start) || { start: r.period_start, total: 0, parts: [] };
      w.total += r.events;
      w.parts.push(r);
      weeks.set(r.period_start, w);
    }
    const starts = [...weeks.keys()].sort();
    const t0 = Date.parse(starts[0]), t1 = Date.parse(starts[starts.length - 1]) + 7 * DAY_MS;
    const span = Math.max(t1 - t0, 7 * DAY_MS);
    const x = (t) => left + (W - left - 6) * (t - t0) / span;
    const max = Math.max(...[...weeks.values()].map((w) => w.total));
    const y = (n) => (H - bottom - top) * n / max;
    box.appendChild(svg("line", { x1: left, x2: W - 6, y1: H - bottom, y2: H - bottom, class: "axis" }));
    box.appendChild(svg("text", { x: left - 4, y: top + 8, "text-anchor": "end", class: "tick" }, max));
    const barW = Math.max(1, x(t0 + 7 * DAY_MS) - x(t0) - 1);
    for (const w of weeks.values()) {
      let base = H - bottom;
      for (const p of w.parts) {
        const h = y(p.events);
        const rect = svg("rect", { x: x(Date.parse(w.start)), y: base - h, width: barW, height: h, class: "bar",
          fill: colour(p.event_type) });
        rect.appendChild(svg("title", {}, w.start + ": " + plural(p.events, "event") + " (" + p.event_type + ")"));
        box.appendChild(rect);
        base -= h;
      }
    }
    // ticks: years, or months when the span is under two years
    const d0 = new Date(t0), months = span < 730 * DAY_MS;
    const tick = new Date(Date.UTC(d0.getUTCFullYear(), months ? d0.getUTCMonth() + 1 : 0, 1));
    if (!months) tick.setUTCFullYear(tick.getUTCFullYear() + 1);
    let drawn = 0;
    while (tick.getTime() < t1 && drawn < 40) {
      const tx = x(tick.getTime());
      box.appendChild(svg("line", { x1: tx, x2: tx, y1: H - bottom, y2: H - bottom + 4, class: "axis" }));
      const label = months ? tick.toLocaleString("en", { month: "short", timeZone: "UTC" }) +
        (tick.getUTCMonth() === 0 ? " " + tick.getUTCFullYear() : "") : String(tick.getUTCFullYear());
      box.appendChild(svg("text", { x: tx, y: H - 6, "text-anchor": "middle", class: "tick" }, label));
      if (months) tick.setUTCMonth(tick.getUTCMonth() + (span > 365 * DAY_MS ? 2 : 1));
      else tick.setUTCFullYear(tick.getUTCFullYear() + 1);
      drawn += 1;
    }
    const form = $("filters");
    const since = form.elements.since.value, until = form.elements.until.value;
    if (since || until) {
      const a = x(since ? Date.parse(since) : t0), b = x(until ? Date.parse(until) + DAY_MS : t1);
      box.appendChild(svg("rect", { x: Math.min(a, b), y: top, width: Math.abs(b - a), height: H - bottom - top,
        class: "brush" }));
    }
    box.dataset.t0 = String(t0);
    box.dataset.span = String(span);
    box.dataset.left = String(left);
  }

  function setupBrush() {
    const box = $("timeline");
    let startX = null, rect = null;
    const toDay = (px) => {
      const W = 900, left = Number(box.dataset.left), t0 = Number(box.dataset.t0), span = Number(box.dataset.span);
      const t = t0 + (px - left) / (W - left - 6) * span;
      return new Date(Math.min(Math.max(t, t0), t0 + span)).toISOString().slice(0, 10);
    };
    const local = (ev) => {
      const r = box.getBoundingClientRect();
      return (ev.clientX - r.left) * 900 / r.width;
    };
    box.addEventListener("pointerdown", (ev) => {
      if (!box.dataset.t0) return;
      startX = local(ev);
      rect = svg("rect", { x: startX, y: 8, width: 0, height: 130, class: "brush" });
      box.appendChild(rect);
      box.setPointerCapture(ev.pointerId);
    });
    box.addEventListener("pointermove", (ev) => {
      if (startX === null) return;
      const now = local(ev);
      rect.setAttribute("x", String(Math.min(startX, now)));
      rect.setAttribute("width", String(Math.abs(now - startX)));
    });
    box.addEventListener("pointerup", (ev) => {
      if (startX === null) return;
      const end = local(ev);
      const a = Math.min(startX, end), b = Math.max(startX, end);
      startX = null;
      const form = $("filters");
      if (b - a < 3) {
        form.elements.since.value = "";
        form.elements.until.value = "";
      } else {
        form.elements.since.value = toDay(a);
        form.elements.until.value = toDay(b);
      }
      state.page.offset = 0;
      refresh();
    });
  }

  // -- alerts and offensives ---------------------------------------------------------------------

  async function loadAlerts(gen) {
    const q = new URLSearchParams();
    const country = $("filters").elements.country.value;
    if (country) q.set("country", country);
    const until = $("filters").elements.until.value;
    if (until) q.set("as_of", until);
    const got = await getJSON("api/alerts?" + q.toString());
    if (stale(gen)) return;
    const list = clear($("alerts"));
    $("alerts-week").textContent = got.as_of ? "(week of " + got.as_of + ")" : "";
    if (!got.alerts.length) {
      list.appendChild(el("li", { class: "note" }, got.as_of ? "No alert for this week." :
        "No alert: there are no events yet."));
    }
    for (const a of got.alerts) {
      const item = el("li", { class: "alert severity-" + a.severity });
      item.appendChild(el("strong", {}, a.severity + " · " + a.kind + " · " + (a.admin1 ? a.admin1 + ", " : "") + a.country));
      item.appendChild(el("div", {}, a.reason));
      const figures = ["rule: " + a.rule, "events: " + a.count];
      if (a.baseline_mean !== null) figures.push("baseline " + a.baseline_mean.toFixed(1) + "/week over " + a.baseline_weeks + " weeks");
      if (a.change_pct !== null) figures.push("change " + Math.round(a.change_pct) + "%");
      if (a.p_value !== null) figures.push("p = " + a.p_value.toPrecision(2));
      item.appendChild(el("small", {}, figures.join(" · ")));
      list.appendChild(item);
    }
  }

  async function loadOffensives(gen) {
    const q = new URLSearchParams();
    for (const name of ["since", "until"]) {
      const v = $("filters").elements[name].value;
      if (v) q.set(name, v);
    }
    const offs = await getJSON("api/offensives?" + q.toString());
    if (stale(gen)) return;
    const list = clear($("offensives"));
    if (!offs.length) list.appendChild(el("li", { class: "note" }, "No coordinated offensive in this period."));
    for (const o of offs.slice(-30).reverse()) {
      const item = el("li", { "data-offensive-id": o.offensive_id });
      const button = el("button", { type: "button", class: "link" },
        o.event_date + " · " + o.actor + " · " + plural(o.event_ids.length, "event") + " in " + o.admin1s.join(", "));
      button.addEventListener("click", () => showOffensive(o));
      item.appendChild(button);
      item.appendChild(el("small", {}, o.reason + " (" + Math.round(o.span_km) + " km apart)"));
      list.appendChild(item);
    }
  }

  // -- the monitor's sources ---------------------------------------------------------------------

  function when(iso) {
    return iso ? iso.replace("T", " ").replace(/(:\d\d)?\+00:00$/, " UTC") : "never";
  }

  async function loadSources(gen) {
    const got = await getJSON("api/sources");
    if (stale(gen)) return;
    const body = clear($("sources").querySelector("tbody"));
    const counts = { ok: 0, failing: 0, stale: 0 };
    for (const s of got.sources) counts[s.state] = (counts[s.state] || 0) + 1;
    $("sources").hidden = !got.sources.length;
    $("sources-empty").hidden = got.sources.length > 0;
    $("sources-empty").textContent = got.sources.length ? "" :
      "No monitor has run on this database yet: start `conflictwatch monitor SOURCES.toml` and each " +
      "source's health shows here.";
    $("sources-summary").textContent = got.sources.length ?
      "(" + [counts.ok + " ok", counts.failing + " failing", counts.stale + " stale"].join(", ") +
      (got.total > got.sources.length ? "; the first " + got.sources.length + " of " + got.total : "") + ")" : "";
    for (const s of got.sources) {
      const row = el("tr", { "data-source": s.name, "data-state": s.state });
      const name = el("td", { title: s.url }, s.name);
      row.appendChild(name);
      const health = el("td", { class: "health health-" + s.state }, s.state);
      if (s.state === "failing") health.setAttribute("title", plural(s.errors, "failed poll") + " in a row");
      if (s.state === "stale") health.setAttribute("title", "no successful poll for " + got.stale_hours + " hours");
      row.appendChild(health);
      row.appendChild(el("td", {}, when(s.last_success)));
      row.appendChild(el("td", { class: "num", title: s.items_24h + " in the last 24 hours" },
        String(s.items_per_day_7d)));
      // a long message is cut to three lines; the whole of it, and when it came, are its tooltip
      const error = el("td", { class: "error" });
      const message = el("span", {}, s.last_error ? s.last_error : "–");
      if (s.last_error) message.setAttribute("title", when(s.last_error_at) + ": " + s.last_error);
      error.appendChild(message);
      row.appendChild(error);
      body.appendChild(row);
    }
  }

  async function showOffensive(o) {
    const points = [];
    for (const id of o.event_ids) {
      const m = state.markers.get(id);
      if (m) {
        points.push(m.getLatLng());
        continue;
      }
      try {
        const e = await getJSON("api/events/" + encodeURIComponent(id));
        if (e.latitude !== null) points.push(L.latLng(e.latitude, e.longitude));
      } catch (err) {
        /* an event of the offensive may have been rejected since */
      }
    }
    if (state.offensiveLine) state.map.removeLayer(state.offensiveLine);
    state.offensiveLine = L.layerGroup(points.map((p) => L.circleMarker(p, { radius: 14, color: "#c00", weight: 3,
      fill: false, className: "offensive-ring" }))).addTo(state.map);
    if (points.length) state.map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 8 });
  }

  // -- event detail -----------------------------------------------------------------------------

  function highlighted(text, marks) {
    const span = el("span");
    let at = 0;
    for (const m of marks || []) {
      if (m.start < at) continue;
      span.appendChild(document.createTextNode(text.slice(at, m.start)));
      span.appendChild(el("mark", { "data-field": m.field, title: m.field }, text.slice(m.start, m.end)));
      at = m.end;
    }
    span.appendChild(document.createTextNode(text.slice(at)));
    return span;
  }

  function reportText(doc, evidence) {
    // the report with each evidence sentence marked, and within it the words behind the field
    const block = el("blockquote", { class: "report", "data-doc-id": doc.id });
    const bySpan = new Map();  // one sentence may support several fields: one span, all their marks
    for (const x of evidence) {
      if (x.doc_id !== doc.id || doc.text.slice(x.start, x.end) !== x.text) continue;
      const key = x.start + ":" + x.end;
      const seen = bySpan.get(key);
      if (seen) seen.marks = seen.marks.concat(x.marks || []).sort((a, b) => a.start - b.start);
      else bySpan.set(key, { start: x.start, end: x.end, text: x.text, field: x.field, marks: (x.marks || []).slice() });
    }
    const spans = [...bySpan.values()].sort((a, b) => a.start - b.start);
    let at = 0;
    for (const x of spans) {
      if (x.start < at) continue;
      block.appendChild(document.createTextNode(doc.text.slice(at, x.start)));
      const sentence = el("span", { class: "evidence-sentence", "data-field": x.field });
      sentence.appendChild(highlighted(x.text, x.marks));
      block.appendChild(sentence);
      at = x.end;
    }
    block.appendChild(document.createTextNode(doc.text.slice(at)));
    if (doc.truncated) block.appendChild(el("em", {}, " … (report shortened)"));
    return block;
  }

  async function openEvent(id) {
    let e;
    try {
      e = await getJSON("api/events/" + encodeURIComponent(id));
    } catch (err) {
      showMessage(err.message);
      return;
    }
    state.selected = e;
    history.replaceState(null, "", location.pathname + location.search + "#event=" + encodeURIComponent(id));
    drawDetail(e);
  }

  function drawDetail(e) {
    $("detail").hidden = false;
    $("detail-hint").hidden = true;
    $("detail-title").textContent = e.event_date + " · " + e.sub_event_type + " · " + (e.location || e.admin1 || e.country);
    $("detail-id").textContent = e.event_id;
    $("detail-status").textContent = e.status;
    $("detail-confidence").textContent = (e.confidence || 0).toFixed(2);
    const form = $("correct");
    for (const name of ["event_date", "time_precision", "actor1", "actor2", "location", "admin1", "latitude",
      "longitude", "fatalities"]) {
      form.elements[name].value = e[name] === null || e[name] === undefined ? "" : String(e[name]);
    }
    form.elements.event_type.value = e.event_type;
    fillSubTypes(e.event_type, e.sub_event_type);
    form.elements.reason.value = "";

    const ev = clear($("detail-evidence"));
    if (!e.evidence.length) ev.appendChild(el("li", { class: "note" }, "No evidence kept (an imported event)."));
    for (const x of e.evidence) {
      const item = el("li", { "data-field": x.field });
      item.appendChild(el("span", { class: "field-name" }, x.field));
      item.appendChild(highlighted(x.text, x.marks));
      ev.appendChild(item);
    }
    const reports = clear($("detail-reports"));
    for (const doc of e.documents) {
      const head = el("p", { class: "report-head" });
      head.appendChild(el("strong", {}, doc.title || doc.key));
      head.appendChild(document.createTextNode(" · " + (doc.outlet || "unknown outlet") +
        (doc.published ? " · published " + doc.published : "")));
      reports.appendChild(head);
      reports.appendChild(reportText(doc, e.evidence));
    }
    const sources = clear($("detail-sources"));
    if (!e.sources.length) sources.appendChild(el("li", { class: "note" }, "No source recorded."));
    for (const s of e.sources) {
      const item = el("li");
      const doc = e.documents.find((d) => d.id === s.doc_id);
      const label = (s.outlet || "unknown outlet") + (doc && doc.title ? " · " + doc.title : "") +
        (s.published ? " · published " + s.published : "");
      if (/^https?:\/\//i.test(s.url || "")) {
        const a = el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, label);
        item.appendChild(a);
      } else {
        item.appendChild(el("span", {}, label + (s.url ? " · " + s.url : "")));
      }
      sources.appendChild(item);
    }
    const links = clear($("detail-links"));
    if (!e.merge_links.length) links.appendChild(el("li", { class: "note" }, "Not merged with other reports."));
    for (const m of e.merge_links) {
      const item = el("li", {}, m.event_id + " → " + m.cluster_id + " (" + m.score.toFixed(2) + "): " + m.reason);
      if (e.event_id === m.cluster_id) {
        const split = el("button", { type: "button", class: "write link" }, "split out");
        split.addEventListener("click", () => write(() => postJSON("api/events/" + encodeURIComponent(e.event_id) +
          "/split", { event_ids: [m.event_id] }), e.event_id, true));
        item.appendChild(split);
      }
      links.appendChild(item);
    }
    const conflicts = clear($("detail-conflicts"));
    if (!e.conflicts.length) conflicts.appendChild(el("li", { class: "note" }, "None."));
    for (const c of e.conflicts) {
      const item = el("li", { class: "conflict" }, c.source + ": " + (c.field || "the event") + " kept " +
        JSON.stringify(c.kept) + ", proposed " + JSON.stringify(c.proposed) + ". " + c.detail + " ");
      for (const take of [false, true]) {
        if (take && !c.field) continue;
        const b = el("button", { type: "button", class: "write" }, take ? "Take proposed" : "Keep");
        b.addEventListener("click", () => write(() => postJSON("api/conflicts/" + c.id + "/resolve", { take: take }), e.event_id));
        item.appendChild(b);
      }
      conflicts.appendChild(item);
    }
    const hist = clear($("detail-history"));
    if (!e.history.length) hist.appendChild(el("li", { class: "note" }, "No change recorded yet."));
    for (const c of e.history) {
      const what = c.kind === "edit" ? c.field + ": " + JSON.stringify(c.before) + " → " + JSON.stringify(c.after)
        : c.kind === "note" ? "note: " + c.after
          : c.kind + ": " + JSON.stringify(c.before) + " → " + JSON.stringify(c.after);
      const item = el("li", { "data-kind": c.kind, "data-field": c.field },
        c.created.replace("T", " ").slice(0, 16) + " · " + c.analyst + " · " + what + (c.reason ? " (" + c.reason + ")" : ""));
      hist.appendChild(item);
    }
    const table = clear($("detail-fields").tBodies[0]);
    for (const [k, v] of Object.entries(e)) {
      if (["evidence", "sources", "documents", "merge_links", "history", "conflicts", "members"].includes(k)) continue;
      const row = el("tr");
      row.appendChild(el("th", {}, k));
      row.appendChild(el("td", {}, Array.isArray(v) ? v.join(", ") : v === null ? "" : String(v)));
      table.appendChild(row);
    }
  }

  async function write(action, eventId, reload) {
    if (state.meta.read_only) {
      showMessage("This dashboard is read-only.");
      return;
    }
    if (!token()) {
      showMessage("Sign in with your analyst token (conflictwatch token create NAME) to make changes.");
      $("signin").elements.token.focus();
      return;
    }
    try {
      await action();
      showMessage("");
      await openEvent(eventId);
      if (reload !== false) await loadTable();
    } catch (err) {
      showMessage(err.message);
    }
  }

  function setupDetail() {
    $("detail-close").addEventListener("click", () => {
      $("detail").hidden = true;
      $("detail-hint").hidden = false;
      history.replaceState(null, "", location.pathname + location.search);
    });
    for (const button of document.querySelectorAll("#detail button[data-status]")) {
      button.addEventListener("click", () => {
        const id = state.selected.event_id;
        write(() => postJSON("api/events/" + encodeURIComponent(id) + "/review", { status: button.dataset.status }), id);
      });
    }
    $("correct").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const e = state.selected, form = $("correct"), changes = {};
      for (const name of ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
        "location", "admin1", "latitude", "longitude", "fatalities"]) {
        const now = form.elements[name].value.trim();
        const was = e[name] === null || e[name] === undefined ? "" : String(e[name]);
        if (now !== was) changes[name] = ["latitude", "longitude"].includes(name) && now === "" ? null : now;
      }
      if (!Object.keys(changes).length) {
        showMessage("Nothing changed: edit a field first.");
        return;
      }
      write(() => postJSON("api/events/" + encodeURIComponent(e.event_id) + "/corrections",
        { changes: changes, reason: form.elements.reason.value }), e.event_id);
    });
    $("note").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = $("note").elements.note.value.trim();
      if (!text) return;
      write(() => postJSON("api/events/" + encodeURIComponent(state.selected.event_id) + "/review", { note: text }),
        state.selected.event_id, false).then(() => { $("note").elements.note.value = ""; });
    });
  }

  // -- sign-in ----------------------------------------------------------------------------------

  async function showWho() {
    const who = $("whoami"), form = $("signin");
    document.body.classList.toggle("read-only", !!state.meta.read_only);
    if (state.meta.read_only) {
      who.textContent = "Read-only dashboard";
      form.elements.token.parentNode.hidden = true;
      form.querySelector("button[type=submit]").hidden = true;
      return;
    }
    if (!token()) {
      who.textContent = "";
      $("signout").hidden = true;
      form.elements.token.parentNode.hidden = false;
      return;
    }
    try {
      const me = await getJSON("api/whoami");
      who.textContent = "Signed in as " + me.analyst;
      $("signout").hidden = false;
      form.elements.token.parentNode.hidden = true;
    } catch (err) {
      sessionStorage.removeItem("conflictwatch-token");
      showMessage(err.message);
      who.textContent = "";
    }
  }

  function setupSignin() {
    $("signin").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const value = $("signin").elements.token.value.trim();
      if (value) sessionStorage.setItem("conflictwatch-token", value);
      $("signin").elements.token.value = "";
      showWho();
    });
    $("signout").addEventListener("click", () => {
      sessionStorage.removeItem("conflictwatch-token");
      showWho();
    });
  }

  // -- start ------------------------------------------------------------------------------------

  async function start() {
    try {
      state.meta = await getJSON("api/meta");
    } catch (err) {
      showMessage(err.message);
      return;
    }
    fillSelects();
    filtersFromAddress();
    drawLegend();
    setupMap();
    setupBrush();
    setupDetail();
    setupSignin();
    showWho();
    const form = $("filters");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      state.page.offset = 0;
      refresh();
    });
    form.addEventListener("reset", () => setTimeout(() => { state.page.offset = 0; refresh(); }, 0));
    $("prev-page").addEventListener("click", () => { state.page.offset = Math.max(0, state.page.offset - PAGE); loadTable(); });
    $("next-page").addEventListener("click", () => { state.page.offset += PAGE; loadTable(); });
    for (const th of document.querySelectorAll("#events th[data-sort]")) {
      th.addEventListener("click", () => {
        const key = th.dataset.sort;
        state.page.sort = state.page.sort === "-" + key ? key : "-" + key;
        state.page.offset = 0;
        if (state.view === "queue") setView("events");
        else loadTable();
      });
    }
    for (const tab of document.querySelectorAll(".tabs button[data-view]")) {
      tab.addEventListener("click", () => setView(tab.dataset.view));
    }
    await Promise.all([loadBoundaries(), refresh()]);
    // the monitor keeps polling while the page is open: its health is read again every minute
    setInterval(() => loadSources().catch((err) => showMessage(err.message)), SOURCES_EVERY_MS);
    const hash = location.hash.match(/^#event=(.+)$/);
    if (hash) openEvent(decodeURIComponent(hash[1]));
    document.body.dataset.ready = "1";
  }

  function setView(view) {
    state.view = view;
    state.page.offset = 0;
    for (const tab of document.querySelectorAll(".tabs button[data-view]")) {
      tab.setAttribute("aria-selected", String(tab.dataset.view === view));
    }
    loadTable().catch((err) => showMessage(err.message));
  }

  document.addEventListener("DOMContentLoaded", start);
})();
