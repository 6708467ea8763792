/* kg graph page: read the JSON data block, draw it with vis-network, and build every
   piece of text with textContent / createElement (never innerHTML), so scraped strings
   always stay text. Static file: its SHA-256 is in the page's Content-Security-Policy. */
(function () {
  "use strict";

  var body = document.body;
  var violations = 0;
  document.addEventListener("securitypolicyviolation", function () {
    violations += 1;
    body.setAttribute("data-kg-csp-violations", String(violations));
  });

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = DATA.meta;
  var details = DATA.details;
  var more = DATA.more || {};
  var GROUPS = {};
  DATA.groups.forEach(function (g) { GROUPS[g.id] = g; });
  var DIM_NODE = "#e6e6e6";
  var DIM_FONT = "#c4c4c4";
  var DIM_EDGE = "#f0f0f0";

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var edgeColor = {};
  var incident = {};
  edges.forEach(indexEdge);

  var filter = {
    hidden: new Set(),
    from: meta.years ? meta.years[0] : null,
    to: meta.years ? meta.years[1] : null,
    undated: true
  };

  function indexEdge(e) {
    edgeColor[e.id] = e.color;
    (incident[e.from] = incident[e.from] || []).push(e.id);
    (incident[e.to] = incident[e.to] || []).push(e.id);
  }

  function nodeVisible(n) {
    if (!n || filter.hidden.has(n.kg_group)) { return false; }
    var d = details[n.id];
    var ys = d && d.years;
    if (!ys) { return filter.undated; }
    if (filter.from === null) { return true; }
    return ys[1] >= filter.from && ys[0] <= filter.to;
  }

  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return nodeVisible(nodes.get(e.from)) && nodeVisible(nodes.get(e.to)); }
  });
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, DATA.options);

  /* ------------------------------------------------------------------ DOM helpers */

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function webLink(url) {
    if (typeof url !== "string" || !/^https?:\/\/[^\s<>"']+$/i.test(url)) { return el("span", url); }
    var a = el("a", url);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function nameOf(id) {
    var d = details[id];
    return d ? (d.name || d.label || id) : id;
  }

  function groupLabel(id) {
    var d = details[id];
    return d && GROUPS[d.group] ? GROUPS[d.group].label : "";
  }

  function swatch(group) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("aria-hidden", "true");
    var shape;
    var points = {
      diamond: "7,1 13,7 7,13 1,7",
      triangle: "7,1 13,13 1,13",
      triangleDown: "1,1 13,1 7,13",
      hexagon: "4,1 10,1 13,7 10,13 4,13 1,7",
      star: "7,0.5 8.8,5 13.5,5.2 9.8,8.2 11,13 7,10.3 3,13 4.2,8.2 0.5,5.2 5.2,5"
    }[group.shape];
    if (points) {
      shape = document.createElementNS(ns, "polygon");
      shape.setAttribute("points", points);
    } else if (group.shape === "square") {
      shape = document.createElementNS(ns, "rect");
      shape.setAttribute("x", "1.5"); shape.setAttribute("y", "1.5");
      shape.setAttribute("width", "11"); shape.setAttribute("height", "11");
    } else {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", "7"); shape.setAttribute("cy", "7"); shape.setAttribute("r", "6");
    }
    shape.setAttribute("fill", group.color);
    svg.appendChild(shape);
    return svg;
  }

  /* ------------------------------------------------------------------ content */

  function metaLine(d) {
    var parts = [GROUPS[d.group] ? GROUPS[d.group].label : d.group];
    if (d.type && d.group !== d.type) { parts.push(d.type); }
    if (d.year) { parts.push(String(d.year)); } else if (d.years && d.group !== "paper") {
      parts.push(d.years[0] === d.years[1] ? String(d.years[0]) : d.years[0] + "–" + d.years[1]);
    }
    if (d.venue) { parts.push(d.venue); }
    if (d.papers) { parts.push(d.papers + (d.papers === 1 ? " paper" : " papers")); }
    return el("p", parts.join(" · "), "kg-meta");
  }

  function authorLine(d) {
    var text = "Authors: " + d.authors.join(", ");
    if (d.more_authors) { text += ", and " + d.more_authors + " more"; }
    return el("p", text, "kg-meta");
  }

  function nodeSummary(id) {
    var d = details[id] || { name: id, group: "" };
    var box = el("div");
    box.appendChild(el("h2", d.name || d.label));
    box.appendChild(metaLine(d));
    if (d.authors && d.authors.length) { box.appendChild(authorLine(d)); }
    if (d.aliases && d.aliases.length) { box.appendChild(el("p", "Also: " + d.aliases.join(", "), "kg-meta")); }
    if (d.affiliations && d.affiliations.length) { box.appendChild(el("p", d.affiliations.join("; "), "kg-meta")); }
    return box;
  }

  function evidenceList(box, evidence) {
    (evidence || []).forEach(function (s) { box.appendChild(el("p", "“" + s + "”", "kg-evidence")); });
  }

  function edgeSummary(edgeId) {
    var e = edges.get(edgeId);
    var box = el("div");
    if (!e) { return box; }
    box.appendChild(el("h2", nameOf(e.from) + " → " + nameOf(e.to)));
    if (e.kind === "mentions") {
      box.appendChild(el("p", (e.role || "mentions") + " · " + e.support + (e.support === 1 ? " mention" : " mentions"), "kg-meta"));
      evidenceList(box, e.evidence);
    } else if (e.kind === "cooccurs") {
      box.appendChild(el("p", "named together in " + e.weight + (e.weight === 1 ? " paper" : " papers"), "kg-meta"));
    } else {
      box.appendChild(el("p", e.kind, "kg-meta"));
    }
    return box;
  }

  /* ------------------------------------------------------------------ tooltip */

  var tip = document.getElementById("kg-tooltip");

  function showTip(content, pos) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var x = Math.min(pos.x + 14, container.clientWidth - tip.offsetWidth - 4);
    var y = Math.min(pos.y + 14, container.clientHeight - tip.offsetHeight - 4);
    tip.style.left = Math.max(0, x) + "px";
    tip.style.top = Math.max(0, y) + "px";
  }

  function hideTip() { tip.hidden = true; }

  network.on("hoverNode", function (p) { showTip(nodeSummary(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeSummary(p.edge), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  /* ------------------------------------------------------------------ highlight */

  var highlighted = null;

  function paintNodes(keep) {
    var updates = [];
    nodes.forEach(function (n) {
      var on = !keep || keep.has(n.id);
      updates.push({ id: n.id, color: on ? GROUPS[n.kg_group].color : DIM_NODE,
                     font: { color: on ? "#222222" : DIM_FONT } });
    });
    nodes.update(updates);
  }

  function paintEdges(keep) {
    var updates = [];
    edges.forEach(function (e) {
      var on = !keep || keep.has(e.id);
      updates.push({ id: e.id, color: on ? edgeColor[e.id] : DIM_EDGE });
    });
    edges.update(updates);
  }

  function highlight(id) {
    var keepNodes = new Set([id]);
    var keepEdges = new Set(incident[id] || []);
    keepEdges.forEach(function (eid) {
      var e = edges.get(eid);
      keepNodes.add(e.from);
      keepNodes.add(e.to);
    });
    paintNodes(keepNodes);
    paintEdges(keepEdges);
    highlighted = id;
    body.setAttribute("data-kg-highlighted", String(keepNodes.size));
  }

  function clearHighlight() {
    if (highlighted === null) { return; }
    paintNodes(null);
    paintEdges(null);
    highlighted = null;
    body.removeAttribute("data-kg-highlighted");
  }

  /* ------------------------------------------------------------------ panel */

  var panel = document.getElementById("kg-panel");

  function nodeButton(id, text) {
    var b = el("button", text || nameOf(id), "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { reveal(id); });
    return b;
  }

  function linksOf(id) {
    var out = [];
    (incident[id] || []).forEach(function (eid) {
      var e = edges.get(eid);
      out.push({ other: e.from === id ? e.to : e.from, edge: e });
    });
    var d = details[id];
    if (d && d.links) {
      d.links.forEach(function (l) {
        if (!out.some(function (o) { return o.other === l.to; })) { out.push({ other: l.to, edge: l }); }
      });
    }
    return out;
  }

  function renderPanel(id) {
    var d = details[id];
    panel.replaceChildren();
    if (!d) { return; }
    panel.appendChild(nodeSummary(id));
    (d.urls || []).forEach(function (u) { var p = el("p", null, "kg-meta"); p.appendChild(webLink(u)); panel.appendChild(p); });

    var groups = {};
    linksOf(id).forEach(function (link) {
      var g = details[link.other] ? details[link.other].group : "";
      (groups[g] = groups[g] || []).push(link);
    });
    DATA.groups.forEach(function (g) {
      var links = groups[g.id];
      if (!links) { return; }
      panel.appendChild(el("h2", g.label + " (" + links.length + ")"));
      var ul = el("ul");
      links.forEach(function (link) {
        var li = el("li");
        li.appendChild(nodeButton(link.other));
        var e = link.edge;
        if (e.kind === "mentions") {
          li.appendChild(el("span", " · " + (e.role || "mentions"), "kg-meta"));
          evidenceList(li, e.evidence);
        } else if (e.kind === "cooccurs") {
          li.appendChild(el("span", " · " + e.weight + " shared", "kg-meta"));
        }
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    });

    var listed = more[id];
    if (listed && listed.length) {
      var total = d.papers || listed.length;
      panel.appendChild(el("h2", "Papers (" + listed.length + " of " + total + ")"));
      var pul = el("ul");
      listed.forEach(function (pid) {
        var li = el("li");
        li.appendChild(nodeButton(pid));
        if (details[pid] && details[pid].year) { li.appendChild(el("span", " · " + details[pid].year, "kg-meta")); }
        pul.appendChild(li);
      });
      panel.appendChild(pul);
      var action = el("button", "Show these papers in the graph", "kg-action");
      action.type = "button";
      action.addEventListener("click", function () { expand(id); select(id); });
      panel.appendChild(action);
    }
  }

  function select(id) {
    highlight(id);
    renderPanel(id);
    body.setAttribute("data-kg-selected", id);
  }

  function clearSelection() {
    clearHighlight();
    panel.replaceChildren(el("p", "Click a node to see its neighbourhood and details.", "kg-hint"));
    body.removeAttribute("data-kg-selected");
  }

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) {
      select(p.nodes[0]);
    } else if (p.edges.length) {
      clearHighlight();
      panel.replaceChildren(edgeSummary(p.edges[0]));
    } else {
      clearSelection();
    }
  });

  /* ------------------------------------------------------------------ papers on demand */

  function addPaper(pid, x, y) {
    if (nodes.get(pid) || !details[pid]) { return false; }
    nodes.add({ id: pid, label: details[pid].label, shape: GROUPS.paper.shape, color: GROUPS.paper.color,
                value: 1, x: x, y: y, kg_group: "paper" });
    (details[pid].links || []).forEach(function (l) {
      var eid = "p:" + pid + ">" + l.to;
      if (!nodes.get(l.to) || edges.get(eid)) { return; }
      var e = { id: eid, from: pid, to: l.to, color: "#8da0cb", arrows: "to",
                kind: l.kind, role: l.role, support: l.support, evidence: l.evidence };
      edges.add(e);
      indexEdge(e);
    });
    return true;
  }

  function hubPosition(id) {
    var n = nodes.get(id);
    return n ? network.getPosition(id) : { x: 0, y: 0 };
  }

  function expand(hub) {
    var list = more[hub] || [];
    var c = hubPosition(hub);
    var r = 70 + 5 * list.length;
    var added = 0;
    list.forEach(function (pid, i) {
      var a = 2 * Math.PI * i / Math.max(1, list.length);
      if (addPaper(pid, Math.round(c.x + r * Math.cos(a)), Math.round(c.y + r * Math.sin(a)))) { added += 1; }
    });
    status();
    return added;
  }

  /* ------------------------------------------------------------------ search */

  var searchIndex = Object.keys(details).map(function (id) {
    var d = details[id];
    var names = [d.name || "", d.label || ""].concat(d.aliases || []);
    return { id: id, name: (d.name || d.label || id).toLowerCase(), text: names.join("\n").toLowerCase() };
  });

  function search(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) { return []; }
    var hits = [];
    searchIndex.forEach(function (entry) {
      var at = entry.text.indexOf(q);
      if (at < 0) { return; }
      var rank = entry.name === q ? 0 : (entry.name.indexOf(q) === 0 ? 1 : 2);
      hits.push([rank, entry.name.length, entry.id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return hits.slice(0, 30).map(function (h) { return h[2]; });
  }

  var searchBox = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");

  function showResults() {
    results.replaceChildren();
    var ids = search(searchBox.value);
    ids.forEach(function (id) {
      var li = el("li");
      var b = nodeButton(id, nameOf(id) + " · " + groupLabel(id));
      li.appendChild(b);
      results.appendChild(li);
    });
    if (searchBox.value.trim() && !ids.length) { results.appendChild(el("li", "No match", "kg-hint")); }
    body.setAttribute("data-kg-results", String(ids.length));
  }
  searchBox.addEventListener("input", showResults);

  function reveal(id) {
    if (!nodes.get(id)) {
      var d = details[id];
      var near = d && d.links ? d.links.filter(function (l) { return nodes.get(l.to); })[0] : null;
      var c = near ? hubPosition(near.to) : { x: 0, y: 0 };
      addPaper(id, c.x + 60, c.y - 60);
      status();
    }
    var n = nodes.get(id);
    if (!n) { return; }
    if (!nodeVisible(n)) {
      filter.hidden.delete(n.kg_group);
      var box = document.querySelector('input[data-group="' + n.kg_group + '"]');
      if (box) { box.checked = true; }
      var d2 = details[id];
      if (d2 && d2.years && filter.from !== null) {
        filter.from = Math.min(filter.from, d2.years[0]); filter.to = Math.max(filter.to, d2.years[1]);
        yearFrom.value = filter.from; yearTo.value = filter.to;
      } else if (!(d2 && d2.years)) {
        filter.undated = true; undated.checked = true;
      }
      refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    select(id);
  }

  /* ------------------------------------------------------------------ filters */

  var typeBox = document.getElementById("kg-types");
  DATA.groups.forEach(function (g) {
    var count = meta.totals[g.id] || 0;
    if (!count) { return; }
    var label = el("label", null, "kg-check");
    var input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.setAttribute("data-group", g.id);
    input.addEventListener("change", function () {
      if (input.checked) { filter.hidden.delete(g.id); } else { filter.hidden.add(g.id); }
      refresh();
    });
    label.appendChild(input);
    label.appendChild(swatch(g));
    label.appendChild(el("span", g.label));
    label.appendChild(el("span", String(count), "kg-count"));
    typeBox.appendChild(label);
  });

  var yearFrom = document.getElementById("kg-year-from");
  var yearTo = document.getElementById("kg-year-to");
  var undated = document.getElementById("kg-year-unknown");
  if (meta.years) {
    yearFrom.value = meta.years[0]; yearTo.value = meta.years[1];
    yearFrom.min = yearTo.min = meta.years[0]; yearFrom.max = yearTo.max = meta.years[1];
  } else {
    yearFrom.disabled = yearTo.disabled = true;
  }
  function readYears() {
    if (!meta.years) { return; }
    var a = parseInt(yearFrom.value, 10), b = parseInt(yearTo.value, 10);
    filter.from = isNaN(a) ? meta.years[0] : a;
    filter.to = isNaN(b) ? meta.years[1] : b;
    refresh();
  }
  yearFrom.addEventListener("change", readYears);
  yearTo.addEventListener("change", readYears);
  undated.addEventListener("change", function () { filter.undated = undated.checked; refresh(); });

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    status();
  }

  document.getElementById("kg-reset").addEventListener("click", function () {
    filter.hidden.clear();
    document.querySelectorAll("#kg-types input").forEach(function (i) { i.checked = true; });
    if (meta.years) { yearFrom.value = meta.years[0]; yearTo.value = meta.years[1]; }
    undated.checked = true;
    filter.undated = true;
    readYears();
    refresh();
    searchBox.value = "";
    showResults();
    clearSelection();
    network.fit({ animation: false });
  });

  /* ------------------------------------------------------------------ status */

  function summaryText() {
    var t = meta.totals;
    var parts = [];
    DATA.groups.forEach(function (g) { if (t[g.id]) { parts.push(t[g.id].toLocaleString("en") + " " + g.label.toLowerCase()); } });
    var graph = meta.graph_nodes.toLocaleString("en") + " nodes, " + meta.graph_edges.toLocaleString("en") + " links (" + parts.join(", ") + ").";
    if (meta.mode === "overview") {
      var shown = [];
      DATA.groups.forEach(function (g) { if (meta.shown[g.id]) { shown.push(meta.shown[g.id] + " " + g.label.toLowerCase()); } });
      return "Overview of a large graph: " + graph + " Shown: the " + DATA.nodes.length +
        " most-linked entities and authors (" + shown.join(", ") + "), joined when papers name them together." +
        " Click one to list its papers and draw them; search finds them by name.";
    }
    return graph + (meta.physics ? "" : " Positions are precomputed; physics is off.");
  }

  function status() {
    body.setAttribute("data-kg-mode", meta.mode);
    body.setAttribute("data-kg-nodes", String(nodes.length));
    body.setAttribute("data-kg-edges", String(edges.length));
    body.setAttribute("data-kg-visible-nodes", String(nodeView.length));
    body.setAttribute("data-kg-visible-edges", String(edgeView.length));
  }

  document.getElementById("kg-summary").textContent = summaryText();
  network.once("afterDrawing", function () { body.setAttribute("data-kg-drawn", "1"); });
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
  status();
  body.setAttribute("data-kg-ready", "1");

  window.kgPage = {
    network: network, nodes: nodes, edges: edges, details: details,
    search: search, reveal: reveal, select: select, expand: expand, highlight: highlight,
    clearSelection: clearSelection, nodeSummary: nodeSummary, edgeSummary: edgeSummary,
    setGroupVisible: function (group, visible) {
      var box = document.querySelector('input[data-group="' + group + '"]');
      if (box) { box.checked = visible; }
      if (visible) { filter.hidden.delete(group); } else { filter.hidden.add(group); }
      refresh();
    },
    setYears: function (from, to) { yearFrom.value = from; yearTo.value = to; readYears(); }
  };
}());
