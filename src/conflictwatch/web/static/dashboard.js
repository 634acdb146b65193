// conflictwatch dashboard: filters -> /api/events and /api/trends -> map, timeline, table, detail.
// Vanilla JS, no build step, no network beyond this server. Text from reports is only ever
// inserted with textContent or setAttribute (never as HTML).
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const OTHER_COLOUR = "#7f7f7f";
  const AREA_FILL = "#f7f3e8";
  const NEIGHBOUR_FILL = "#e9e6de";
  const MAP_BACKGROUND = "#dde8ef";
  const TABLE_ROWS = 1000;
  const DAY_MS = 86400000;

  const state = { meta: null, boundaries: null, events: [], selected: null };

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

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  function colour(type) {
    return (state.meta && state.meta.colours[type]) || OTHER_COLOUR;
  }

  function showMessage(text) {
    const box = $("message");
    box.textContent = text || "";
    box.hidden = !text;
  }

  async function getJSON(url, options) {
    const response = await fetch(url, options);
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

  function filterParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData($("filters"))) {
      if (String(value).trim()) params.set(name, String(value).trim());
    }
    return params;
  }

  // -- map -----------------------------------------------------------------------------------

  function located(events) {
    return events.filter((e) => typeof e.latitude === "number" && typeof e.longitude === "number");
  }

  function featureRings(feature) {
    return feature.geometry.coordinates.flat(1);
  }

  function extent(points) {
    if (!points.length) return null;
    let box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of points) {
      box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
    }
    return box;
  }

  function mapExtent(events, features) {
    const countries = new Set(events.map((e) => e.country.toLowerCase()));
    const own = features.filter((f) => countries.has(String(f.properties.country).toLowerCase()));
    const points = located(events).map((e) => [e.longitude, e.latitude]);
    for (const f of own.length ? own : points.length ? [] : features) {
      for (const ring of featureRings(f)) points.push(...ring);
    }
    const box = extent(points) || [-12.5, 10, 4.5, 25]; // Mali, when there is nothing to fit
    const padX = Math.max((box[2] - box[0]) * 0.05, 0.5);
    const padY = Math.max((box[3] - box[1]) * 0.05, 0.5);
    return [box[0] - padX, box[1] - padY, box[2] + padX, box[3] + padY];
  }

  function projection(box, width, height) {
    const midLat = ((box[1] + box[3]) / 2) * (Math.PI / 180);
    const kx = Math.cos(midLat);
    const scale = Math.min(width / ((box[2] - box[0]) * kx), height / (box[3] - box[1]));
    const offX = (width - (box[2] - box[0]) * kx * scale) / 2;
    const offY = (height - (box[3] - box[1]) * scale) / 2;
    return ([lon, lat]) => [offX + (lon - box[0]) * kx * scale, offY + (box[3] - lat) * scale];
  }

  function radius(event) {
    return Math.min(5 + 2.2 * Math.sqrt(Math.max(event.fatalities || 0, 0)), 22);
  }

  function drawMap() {
    const map = $("map");
    const width = 800;
    const height = 560;
    const features = state.boundaries ? state.boundaries.features : [];
    const events = state.events;
    const project = projection(mapExtent(events, features), width, height);
    const countries = new Set(events.map((e) => e.country.toLowerCase()));
    const parts = [svg("rect", { class: "map-bg", x: 0, y: 0, width, height, fill: MAP_BACKGROUND })];
    for (const f of features) {
      const d = featureRings(f)
        .map((ring) => "M" + ring.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z")
        .join("");
      const own = countries.has(String(f.properties.country).toLowerCase());
      const path = svg("path", { class: "area", d, "fill-rule": "evenodd", fill: own ? AREA_FILL : NEIGHBOUR_FILL });
      path.appendChild(svg("title", {}, f.properties.name + ", " + f.properties.country));
      parts.push(path);
    }
    const dots = located(events).sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    for (const e of dots) {
      const [x, y] = project([e.longitude, e.latitude]);
      const dot = svg("circle", {
        class: "event" + (e.event_id === state.selected ? " selected" : ""),
        cx: x.toFixed(1), cy: y.toFixed(1), r: radius(e).toFixed(1), fill: colour(e.event_type),
        "data-event-id": e.event_id,
      });
      dot.appendChild(svg("title", {}, e.event_date + " " + e.event_type + ": " + e.location + " (" +
        e.fatalities + " fatalities)"));
      dot.addEventListener("click", () => showDetail(e.event_id));
      parts.push(dot);
    }
    map.replaceChildren(...parts);
    const note = $("map-note");
    const unplaced = events.length - dots.length;
    const notes = [];
    if (!state.boundaries) notes.push("No admin-1 boundaries installed: events are drawn without borders.");
    if (unplaced) notes.push(unplaced + " event(s) without coordinates are not on the map.");
    note.textContent = notes.join(" ");
    note.hidden = !notes.length;
  }

  function swatch(type) {
    const box = svg("svg", { class: "swatch", viewBox: "0 0 12 12", "aria-hidden": "true" });
    box.appendChild(svg("rect", { width: 12, height: 12, fill: colour(type) }));
    return box;
  }

  function drawLegend() {
    const items = Object.keys(state.meta.colours).map((type) => {
      const li = el("li");
      li.append(swatch(type), document.createTextNode(type));
      return li;
    });
    $("legend").replaceChildren(...items);
  }

  // -- timeline ------------------------------------------------------------------------------

  function dayNumber(iso) {
    return Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS);
  }

  function isoDay(n) {
    return new Date(n * DAY_MS).toISOString().slice(0, 10);
  }

  function drawTimeline(rows) {
    const chart = $("timeline");
    const width = 480;
    const height = 200;
    const left = 30;
    const bottom = 22;
    const top = 10;
    const parts = [svg("rect", { class: "chart-bg", x: 0, y: 0, width, height, fill: "#fbfaf4" })];
    if (!rows.length) {
      parts.push(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "No events"));
      chart.replaceChildren(...parts);
      return;
    }
    const weeks = new Map();
    for (const row of rows) {
      const key = dayNumber(row.period_start);
      if (!weeks.has(key)) weeks.set(key, []);
      weeks.get(key).push(row);
    }
    const first = Math.min(...weeks.keys());
    const last = Math.max(...weeks.keys());
    const slots = Math.round((last - first) / 7) + 1;
    let max = 1;
    for (const list of weeks.values()) max = Math.max(max, list.reduce((s, r) => s + r.events, 0));
    const plotH = height - top - bottom;
    const slot = (width - left - 4) / slots;
    const barW = Math.max(slot * 0.8, 1);
    for (const [start, list] of weeks) {
      const x = left + ((start - first) / 7) * slot + (slot - barW) / 2;
      let y = height - bottom;
      const total = list.reduce((s, r) => s + r.events, 0);
      for (const row of list) {
        const h = (row.events / max) * plotH;
        y -= h;
        const bar = svg("rect", { class: "bar", x: x.toFixed(1), y: y.toFixed(1), width: barW.toFixed(1),
          height: h.toFixed(1), fill: colour(row.event_type) });
        bar.appendChild(svg("title", {}, "week of " + row.period_start + ": " + row.events + " " +
          row.event_type + " (" + total + " events)"));
        parts.push(bar);
      }
    }
    parts.push(svg("line", { class: "axis", x1: left, y1: height - bottom, x2: width - 2, y2: height - bottom }));
    parts.push(svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: height - bottom }));
    parts.push(svg("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, max));
    parts.push(svg("text", { x: left - 4, y: height - bottom, "text-anchor": "end" }, 0));
    parts.push(svg("text", { x: left, y: height - 6 }, isoDay(first)));
    parts.push(svg("text", { x: width - 2, y: height - 6, "text-anchor": "end" }, isoDay(last)));
    chart.replaceChildren(...parts);
  }

  // -- table ---------------------------------------------------------------------------------

  function drawTable() {
    const newest = state.events.slice().reverse();
    const shown = newest.slice(0, TABLE_ROWS);
    const rows = shown.map((e) => {
      const tr = el("tr", { "data-event-id": e.event_id, tabindex: "0" });
      if (e.event_id === state.selected) tr.classList.add("selected");
      const type = el("td", { title: e.event_type });
      type.append(swatch(e.event_type), document.createTextNode(e.sub_event_type || e.event_type));
      const actors = e.actor2 ? e.actor1 + " vs " + e.actor2 : e.actor1;
      const place = [e.location, e.admin1].filter(Boolean).join(", ") + (e.country ? " (" + e.country + ")" : "");
      tr.append(el("td", {}, e.event_date), type, el("td", {}, actors), el("td", {}, place),
        el("td", { class: "num" }, e.fatalities), el("td", { class: "status-" + e.status }, e.status));
      tr.addEventListener("click", () => showDetail(e.event_id));
      tr.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          showDetail(e.event_id);
        }
      });
      return tr;
    });
    $("events").tBodies[0].replaceChildren(...rows);
    const note = $("table-note");
    note.textContent = newest.length > TABLE_ROWS
      ? "Showing the latest " + TABLE_ROWS + " of " + newest.length + " events: narrow the filters to see others."
      : "";
    note.hidden = newest.length <= TABLE_ROWS;
  }

  function markSelected() {
    for (const node of document.querySelectorAll("[data-event-id]")) {
      node.classList.toggle("selected", node.getAttribute("data-event-id") === state.selected);
    }
  }

  // -- detail --------------------------------------------------------------------------------

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  function fieldText(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.join(", ");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function renderDetail(event) {
    $("detail-title").textContent = event.event_type + " — " + event.event_date + " — " +
      (event.location || event.admin1 || event.country);
    const status = $("detail-status");
    status.textContent = event.status;
    status.className = "status-" + event.status;
    for (const button of document.querySelectorAll("#detail .review button")) {
      button.disabled = button.getAttribute("data-status") === event.status;
    }

    // One item per sentence, naming every field it supports.
    const sentences = new Map();
    for (const x of event.evidence) {
      if (!sentences.has(x.text)) sentences.set(x.text, []);
      sentences.get(x.text).push(x.field);
    }
    const evidence = [...sentences].map(([text, fields]) => {
      const li = el("li");
      li.append(el("span", { class: "field" }, fields.join(", ")), el("q", {}, text));
      return li;
    });
    if (!evidence.length) evidence.push(el("li", {}, "No evidence sentences stored."));
    $("detail-evidence").replaceChildren(...evidence);

    const titles = new Map((event.documents || []).map((d) => [d.id, d.title]));
    const sources = event.sources.map((s) => {
      const li = el("li");
      if (titles.get(s.doc_id)) li.appendChild(el("div", { class: "title" }, titles.get(s.doc_id)));
      li.appendChild(el("span", { class: "outlet" }, s.outlet || "(no outlet)"));
      const href = safeUrl(s.url);
      if (href) {
        li.appendChild(el("a", { href, rel: "noopener noreferrer", target: "_blank" }, s.url));
      } else if (s.url) {
        li.appendChild(el("span", { class: "url" }, s.url));
      }
      const meta = [s.published && "published " + s.published, s.language, s.source_scale,
        s.claimed_by && "claimed by " + s.claimed_by].filter(Boolean).join(" · ");
      if (meta) li.appendChild(el("div", { class: "meta" }, meta));
      return li;
    });
    if (!sources.length) sources.push(el("li", {}, "No sources stored."));
    $("detail-sources").replaceChildren(...sources);

    const links = (event.merge_links || []).map((link) =>
      el("li", {}, link.event_id + " → " + link.cluster_id + ": " + link.reason + " (score " + link.score + ")"));
    if (!links.length) links.push(el("li", {}, "Not merged."));
    $("detail-links").replaceChildren(...links);

    const rows = Object.keys(event)
      .filter((k) => !["evidence", "sources", "merge_links", "documents"].includes(k))
      .map((k) => {
        const tr = el("tr");
        tr.append(el("th", { scope: "row" }, k), el("td", {}, fieldText(event[k])));
        return tr;
      });
    $("detail-fields").tBodies[0].replaceChildren(...rows);
    $("detail").hidden = false;
    $("detail-hint").hidden = true;
  }

  async function showDetail(eventId) {
    state.selected = eventId;
    markSelected();
    history.replaceState(null, "", "#event=" + encodeURIComponent(eventId));
    try {
      renderDetail(await getJSON("api/events/" + encodeURIComponent(eventId)));
      showMessage("");
    } catch (err) {
      showMessage("Could not load event " + eventId + ": " + err.message);
    }
  }

  function closeDetail() {
    state.selected = null;
    $("detail").hidden = true;
    $("detail-hint").hidden = false;
    history.replaceState(null, "", location.pathname + location.search);
    markSelected();
  }

  async function review(status) {
    const eventId = state.selected;
    if (!eventId) return;
    try {
      const updated = await getJSON("api/events/" + encodeURIComponent(eventId) + "/review", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ status }),
      });
      renderDetail(updated);
      showMessage("");
      await refresh();
    } catch (err) {
      showMessage("Could not mark event " + eventId + " as " + status + ": " + err.message);
    }
  }

  // -- loading -------------------------------------------------------------------------------

  // The filters live in the address too (?country=ML&type=Battles), so a view can be shared.
  function readAddress() {
    const form = $("filters");
    for (const [name, value] of new URLSearchParams(location.search)) {
      if (form.elements[name]) form.elements[name].value = value;
    }
  }

  function writeAddress(params) {
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  async function refresh() {
    const params = filterParams();
    writeAddress(params);
    const trendParams = new URLSearchParams(params);
    trendParams.set("period", "week");
    trendParams.set("by", "event_type");
    try {
      const [events, weekly] = await Promise.all([
        getJSON("api/events?" + params),
        getJSON("api/trends?" + trendParams),
      ]);
      state.events = events;
      const fatalities = events.reduce((s, e) => s + (e.fatalities || 0), 0);
      $("summary").textContent = plural(events.length, "event") + ", " + plural(fatalities, "fatality", "fatalities");
      drawMap();
      drawTimeline(weekly);
      drawTable();
      showMessage("");
    } catch (err) {
      showMessage("Could not load events: " + err.message);
    }
  }

  function fillFilters() {
    const typeSelect = document.querySelector("#filters select[name=type]");
    for (const [type, subs] of Object.entries(state.meta.event_types)) {
      const group = el("optgroup", { label: type });
      group.append(el("option", { value: type }, "All " + type), ...subs.map((s) => el("option", { value: s }, s)));
      typeSelect.appendChild(group);
    }
    const statusSelect = document.querySelector("#filters select[name=status]");
    for (const status of state.meta.statuses) statusSelect.appendChild(el("option", { value: status }, status));
  }

  async function start() {
    $("filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      refresh();
    });
    $("filters").addEventListener("reset", () => setTimeout(refresh, 0));
    $("detail-close").addEventListener("click", closeDetail);
    for (const button of document.querySelectorAll("#detail .review button")) {
      button.addEventListener("click", () => review(button.getAttribute("data-status")));
    }
    try {
      state.meta = await getJSON("api/meta");
    } catch (err) {
      showMessage("Could not reach the conflictwatch API: " + err.message);
      return;
    }
    fillFilters();
    readAddress();
    drawLegend();
    try {
      state.boundaries = await getJSON("api/boundaries");
    } catch (err) {
      if (err.status !== 404) showMessage("Could not load boundaries: " + err.message);
      state.boundaries = null;
    }
    await refresh();
    const match = /^#event=(.+)$/.exec(location.hash);
    if (match) await showDetail(decodeURIComponent(match[1]));
  }

  document.addEventListener("DOMContentLoaded", start);
})();
