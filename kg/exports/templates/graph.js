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
  var COMMUNITIES = DATA.communities || [];
  var GROUPS = {};
  DATA.groups.forEach(function (g) { GROUPS[g.id] = g; });
  var overview = meta.mode === "overview";
  var DIM_NODE = "#e6e6e6";
  var DIM_FONT = "#c4c4c4";
  var DIM_EDGE = "#f0f0f0";

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var edgeColor = {};
  var incident = {};
  edges.forEach(indexEdge);

  var filter = {
    hidden: new Set(meta.hide_authors ? ["author"] : []),
    open: new Set(),
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
    if (overview && !n.kg_extra && n.kg_c >= 0) {
      // Communities first: a community's node until it is opened, then its hubs.
      if ((n.kg_group === "community") === filter.open.has(n.kg_c)) { return false; }
    }
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
  var neighbourhood = new Set();

  function paintNodes(keep) {
    var updates = [];
    nodes.forEach(function (n) {
      var on = !keep || keep.has(n.id);
      var own = n.kg_group === "community" ? COMMUNITIES[n.kg_c].color : GROUPS[n.kg_group].color;
      updates.push({ id: n.id, color: on ? own : DIM_NODE });
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
    neighbourhood = keepNodes;
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

    if (d.hubs && d.hubs.length) {
      panel.appendChild(el("h2", "Top entities (" + d.hubs.length + ")"));
      var hul = el("ul");
      d.hubs.forEach(function (hid) {
        var li = el("li");
        li.appendChild(nodeButton(hid));
        if (details[hid] && details[hid].papers) { li.appendChild(el("span", " · " + details[hid].papers + " papers", "kg-meta")); }
        hul.appendChild(li);
      });
      panel.appendChild(hul);
    }

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
    remember(id);
  }

  function clearSelection() {
    clearHighlight();
    forget();
    panel.replaceChildren(el("p", "Click a node to see its neighbourhood and details.", "kg-hint"));
    body.removeAttribute("data-kg-selected");
  }

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length && overview && nodes.get(p.nodes[0]).kg_group === "community") {
      openCommunity(nodes.get(p.nodes[0]).kg_c);
      select(p.nodes[0]);
    } else if (p.nodes.length) {
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
    nodes.add({ id: pid, kg_label: details[pid].label, shape: GROUPS.paper.shape, color: GROUPS.paper.color,
                value: 1, x: x, y: y, kg_group: "paper", kg_extra: 1,
                kg_c: details[pid].c === undefined ? -1 : details[pid].c });
    labelOrder = null;
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
    if (n) { return network.getPosition(id); }
    var d = details[id];
    var near = d && d.links ? d.links.filter(function (l) { return nodes.get(l.to); })[0] : null;
    return near ? network.getPosition(near.to) : { x: 0, y: 0 };
  }

  function openFor(pid) {
    // A paper drawn on demand shows beside its hubs: open the communities they are in.
    ((details[pid] || {}).links || []).forEach(function (l) {
      var h = nodes.get(l.to);
      if (h && h.kg_c >= 0) { filter.open.add(h.kg_c); }
    });
  }

  function expand(hub) {
    var list = more[hub] || [];
    var c = hubPosition(hub);
    var r = 70 + 5 * list.length;
    var added = 0;
    var onCanvas = Boolean(nodes.get(hub));
    list.forEach(function (pid, i) {
      var a = 2 * Math.PI * i / Math.max(1, list.length);
      var at = onCanvas ? c : hubPosition(pid);
      var rr = onCanvas ? r : 60;
      openFor(pid);
      if (addPaper(pid, Math.round(at.x + rr * Math.cos(a)), Math.round(at.y + rr * Math.sin(a)))) { added += 1; }
    });
    refresh(false);
    return added;
  }

  /* ------------------------------------------------------------------ search */

  /* Fold text the way kg.exports.page.text.fold does: lower case, marks dropped. */
  var LETTERS = { "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h" };
  function fold(text) {
    var t = String(text).toLowerCase().replace(/[łøđðþßæœıħ]/g, function (c) { return LETTERS[c]; });
    return t.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  var searchIndex = Object.keys(details).sort().map(function (id) {
    var d = details[id];
    var name = fold(d.name || d.label || id);
    return { id: id, name: name, text: d.fold || name };
  });

  function search(query) {
    var q = fold(query);
    if (!q) { return []; }
    var hits = [];
    searchIndex.forEach(function (entry) {
      var at = entry.text.indexOf(q);
      if (at < 0) { return; }
      var rank = entry.name === q ? 0 : (entry.name.indexOf(q) === 0 ? 1 : (at === 0 || entry.text.charAt(at - 1) === " " || entry.text.charAt(at - 1) === "\n" ? 2 : 3));
      var papers = details[entry.id].papers || 0;
      hits.push([rank, -papers, entry.name.length, entry.id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0); });
    body.setAttribute("data-kg-matches", String(hits.length));
    return hits.slice(0, 30).map(function (h) { return h[3]; });
  }

  var searchBox = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var resultsCount = document.getElementById("kg-results-count");

  function typeOf(id) {
    var d = details[id] || {};
    var label = groupLabel(id);
    if (d.papers) { label += " · " + d.papers.toLocaleString("en") + (d.papers === 1 ? " paper" : " papers"); }
    else if (d.year) { label += " · " + d.year; }
    return label;
  }

  function showResults() {
    results.replaceChildren();
    var ids = search(searchBox.value);
    var total = parseInt(body.getAttribute("data-kg-matches") || "0", 10);
    ids.forEach(function (id) {
      var li = el("li");
      var b = nodeButton(id, null);
      b.replaceChildren(el("span", nameOf(id)), el("span", " · " + typeOf(id), "kg-type"));
      li.appendChild(b);
      results.appendChild(li);
    });
    var asked = searchBox.value.trim();
    resultsCount.hidden = !asked;
    resultsCount.textContent = !asked ? "" : (total ? (total > ids.length ? ids.length + " of " + total + " results" : total + (total === 1 ? " result" : " results")) : "No match");
    body.setAttribute("data-kg-results", String(ids.length));
  }
  searchBox.addEventListener("input", showResults);

  function reveal(id) {
    var d = details[id];
    if (!nodes.get(id) && d && d.links) {
      var c = hubPosition(id);
      openFor(id);
      addPaper(id, c.x + 60, c.y - 60);
    }
    var n = nodes.get(id);
    if (!n) {  // known but not drawn (an author of papers on demand): its panel only
      if (d) { clearHighlight(); renderPanel(id); body.setAttribute("data-kg-selected", id); remember(id); }
      return;
    }
    if (overview && n.kg_group === "community") { openCommunity(n.kg_c); select(id); return; }
    if (overview && n.kg_c >= 0 && !n.kg_extra) { filter.open.add(n.kg_c); }
    if (filter.hidden.has(n.kg_group)) {
      filter.hidden.delete(n.kg_group);
      var box = document.querySelector('input[data-group="' + n.kg_group + '"]');
      if (box) { box.checked = true; }
    }
    if (d && d.years && filter.from !== null && (d.years[1] < filter.from || d.years[0] > filter.to)) {
      filter.from = Math.min(filter.from, d.years[0]); filter.to = Math.max(filter.to, d.years[1]);
      yearFrom.value = filter.from; yearTo.value = filter.to;
    } else if (!(d && d.years)) {
      filter.undated = true; undated.checked = true;
    }
    refresh(false);
    if (!nodeVisible(n)) { select(id); return; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    select(id);
  }

  /* ------------------------------------------------------------------ communities */

  function members(rank) {
    return nodes.getIds({ filter: function (n) { return n.kg_c === rank && n.kg_group !== "community"; } });
  }

  function openCommunity(rank) {
    if (overview) { filter.open.add(rank); refresh(false); }
    var ids = members(rank).filter(function (id) { return nodeVisible(nodes.get(id)); });
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
    body.setAttribute("data-kg-open", Array.from(filter.open).sort(function (a, b) { return a - b; }).join(","));
    return ids.length;
  }

  var communityBox = document.getElementById("kg-communities");
  var communityList = document.getElementById("kg-community-list");
  COMMUNITIES.forEach(function (c) {
    var li = el("li");
    var b = el("button");
    b.type = "button";
    var dot = el("span", null, "kg-dot");
    dot.style.background = c.color;
    b.appendChild(dot);
    b.appendChild(el("span", c.name));
    b.appendChild(el("span", c.papers.toLocaleString("en"), "kg-count"));
    b.addEventListener("click", function () {
      if (overview) { reveal(c.id); } else { openCommunity(c.rank); }
    });
    li.appendChild(b);
    communityList.appendChild(li);
  });
  communityBox.hidden = !COMMUNITIES.length;

  /* ------------------------------------------------------------------ labels */

  /* Labels are drawn here, not by vis-network: most important first (communities, then
     by papers or links), each only where its box overlaps no label already drawn, so
     none ever overlap and zooming in shows more. The full text is in the tooltip. */
  var FONT = 12;
  var labelOrder = null;
  var labelWidth = {};
  var placedBoxes = [];
  var hulls = [];

  function importance(n) { return n.kg_group === "community" ? 1e12 + n.value : n.value || 0; }

  function orderLabels() {
    labelOrder = nodes.get().sort(function (a, b) {
      return importance(b) - importance(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    }).map(function (n) { return n.id; });
  }

  function fits(grid, box) {
    var x0 = Math.floor(box[0] / 64), x1 = Math.floor((box[0] + box[2]) / 64);
    var y0 = Math.floor(box[1] / 64), y1 = Math.floor((box[1] + box[3]) / 64);
    var x, y, k, cell, i, o;
    for (x = x0; x <= x1; x++) {
      for (y = y0; y <= y1; y++) {
        cell = grid[x + ":" + y];
        if (!cell) { continue; }
        for (i = 0; i < cell.length; i++) {
          o = cell[i];
          if (box[0] < o[0] + o[2] && o[0] < box[0] + box[2] && box[1] < o[1] + o[3] && o[1] < box[1] + box[3]) { return false; }
        }
      }
    }
    for (x = x0; x <= x1; x++) {
      for (y = y0; y <= y1; y++) {
        k = x + ":" + y;
        (grid[k] = grid[k] || []).push(box);
      }
    }
    return true;
  }

  function drawLabel(ctx, grid, text, cx, top, font, color, key) {
    // A community's name goes one entity per line, so the overview has room for all of them.
    var lines = /^(c[0-9]+$|community\/)/.test(key) ? text.split(" · ") : [text];
    ctx.font = font;
    var w = labelWidth[key];
    if (w === undefined) {
      w = 0;
      lines.forEach(function (line) { w = Math.max(w, ctx.measureText(line).width); });
      labelWidth[key] = w;
    }
    var box = [cx - w / 2 - 2, top, w + 4, lines.length * (FONT + 2) + 2];
    if (box[0] < 0 || box[1] < 0 || box[0] + box[2] > container.clientWidth || box[1] + box[3] > container.clientHeight) { return; }
    if (!fits(grid, box)) { return; }
    ctx.fillStyle = color;
    lines.forEach(function (line, i) {
      ctx.strokeText(line, cx, top + 2 + i * (FONT + 2));
      ctx.fillText(line, cx, top + 2 + i * (FONT + 2));
    });
    box.push(text);
    placedBoxes.push(box);
  }

  function computeHulls() {
    hulls = [];
    if (overview || !COMMUNITIES.length) { return; }
    var acc = {};
    var bodyNodes = network.body.nodes;
    network.body.nodeIndices.forEach(function (id) {
      var n = nodes.get(id);
      if (!n || n.kg_c < 0) { return; }
      var b = bodyNodes[id];
      var a = acc[n.kg_c] = acc[n.kg_c] || { x: 0, y: 0, n: 0, pts: [] };
      a.x += b.x; a.y += b.y; a.n += 1; a.pts.push(b);
    });
    Object.keys(acc).forEach(function (rank) {
      var a = acc[rank];
      if (a.n < 3) { return; }
      var cx = a.x / a.n, cy = a.y / a.n, r = 0;
      a.pts.forEach(function (b) { r = Math.max(r, Math.hypot(b.x - cx, b.y - cy)); });
      hulls.push({ rank: Number(rank), x: cx, y: cy, r: r + 30 });
    });
  }

  network.on("beforeDrawing", function (ctx) {
    computeHulls();
    hulls.forEach(function (h) {
      ctx.beginPath();
      ctx.arc(h.x, h.y, h.r, 0, 2 * Math.PI);
      ctx.fillStyle = COMMUNITIES[h.rank].color + "14";
      ctx.strokeStyle = COMMUNITIES[h.rank].color + "55";
      ctx.lineWidth = 1 / network.getScale();
      ctx.fill();
      ctx.stroke();
    });
  });

  network.on("afterDrawing", function (ctx) {
    if (!labelOrder) { orderLabels(); }
    var ratio = ctx.canvas.width / (ctx.canvas.clientWidth || 1) || 1;
    var view = network.body.view;
    var s = view.scale, t = view.translation;
    var bodyNodes = network.body.nodes;
    var grid = {};
    placedBoxes = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.lineJoin = "round";
    hulls.forEach(function (h) {
      drawLabel(ctx, grid, COMMUNITIES[h.rank].name, h.x * s + t.x, Math.max(2, (h.y - h.r) * s + t.y - FONT - 6),
                "bold " + (FONT + 1) + "px sans-serif", COMMUNITIES[h.rank].color, "c" + h.rank);
    });
    var first = highlighted === null ? [] : labelOrder.filter(function (id) { return neighbourhood.has(id); });
    first.concat(labelOrder).forEach(function (id) {
      var b = bodyNodes[id];
      if (!b || placedIds.has(id)) { return; }
      placedIds.add(id);
      var n = nodes.get(id);
      if (!n) { return; }
      var dim = highlighted !== null && !neighbourhood.has(id);
      var bold = n.kg_group === "community";
      var size = (b.options.size || 10) * s;
      drawLabel(ctx, grid, n.kg_label || "", b.x * s + t.x, b.y * s + t.y + size + 2,
                (bold ? "bold " : "") + FONT + "px sans-serif", dim ? DIM_FONT : "#222222", id);
    });
    placedIds.clear();
    ctx.restore();
    body.setAttribute("data-kg-labels", String(placedBoxes.length));
  });
  var placedIds = new Set();

  /* ------------------------------------------------------------------ filters */

  var typeBox = document.getElementById("kg-types");
  var legendCount = {};
  DATA.groups.forEach(function (g) {
    var count = meta.totals[g.id] || 0;
    if (!count && !(g.id === "community" && COMMUNITIES.length && overview)) { return; }
    var label = el("label", null, "kg-check");
    var input = el("input");
    input.type = "checkbox";
    input.checked = !filter.hidden.has(g.id);
    input.setAttribute("data-group", g.id);
    input.addEventListener("change", function () {
      if (input.checked) { filter.hidden.delete(g.id); } else { filter.hidden.add(g.id); }
      refresh();
    });
    label.appendChild(input);
    label.appendChild(swatch(g));
    label.appendChild(el("span", g.label));
    legendCount[g.id] = el("span", "0", "kg-count");
    label.appendChild(legendCount[g.id]);
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

  /* The legend counts what the page draws now: each type's visible nodes. */
  function countLegend() {
    var counts = {};
    nodeView.forEach(function (n) { counts[n.kg_group] = (counts[n.kg_group] || 0) + 1; });
    Object.keys(legendCount).forEach(function (g) {
      var hiddenCount = 0;
      if (filter.hidden.has(g)) {
        nodes.forEach(function (n) { if (n.kg_group === g) { hiddenCount += 1; } });
      }
      legendCount[g].textContent = filter.hidden.has(g) ? hiddenCount.toLocaleString("en") + " hidden" : (counts[g] || 0).toLocaleString("en");
    });
    body.setAttribute("data-kg-legend", JSON.stringify(counts));
  }

  /* After every filter the drawing fits the view again (fit = false when the caller focuses). */
  function refresh(fit) {
    nodeView.refresh();
    edgeView.refresh();
    labelOrder = null;
    status();
    if (fit !== false) { network.fit({ animation: false }); }
  }

  document.getElementById("kg-reset").addEventListener("click", function () {
    filter.hidden.clear();
    if (meta.hide_authors) { filter.hidden.add("author"); }
    filter.open.clear();
    document.querySelectorAll("#kg-types input").forEach(function (i) { i.checked = !filter.hidden.has(i.getAttribute("data-group")); });
    if (meta.years) { yearFrom.value = meta.years[0]; yearTo.value = meta.years[1]; }
    undated.checked = true;
    filter.undated = true;
    readYears();
    refresh();
    searchBox.value = "";
    showResults();
    clearSelection();
  });

  /* ------------------------------------------------------------------ shared views */

  /* The selected node lives in the URL (#node=…), so a view can be shared and reopened. */
  function remember(id) {
    var hash = "#node=" + encodeURIComponent(id);
    if (location.hash === hash) { return; }
    try { history.replaceState(null, "", hash); } catch (err) { location.hash = hash; }
  }

  function forget() {
    if (!location.hash) { return; }
    try { history.replaceState(null, "", location.pathname + location.search); } catch (err) { location.hash = ""; }
  }

  function fromHash() {
    var m = /^#node=(.+)$/.exec(location.hash);
    if (!m) { return false; }
    var id;
    try { id = decodeURIComponent(m[1]); } catch (err) { return false; }
    if (!Object.prototype.hasOwnProperty.call(details, id)) { return false; }
    reveal(id);
    return true;
  }
  window.addEventListener("hashchange", fromHash);

  /* ------------------------------------------------------------------ status */

  function summaryText() {
    var t = meta.totals;
    var parts = [];
    DATA.groups.forEach(function (g) { if (t[g.id]) { parts.push(t[g.id].toLocaleString("en") + " " + g.label.toLowerCase()); } });
    var graph = "The graph: " + meta.graph_nodes.toLocaleString("en") + " nodes, " + meta.graph_edges.toLocaleString("en") + " links (" + parts.join(", ") + ").";
    if (overview) {
      return graph + " Overview: " + COMMUNITIES.length + " communities of entities papers name together, each named by its top entities." +
        " Click one to open it onto its most-linked entities; click an entity to list its papers and draw them; search finds them by name.";
    }
    var extra = meta.physics ? "" : " Positions are precomputed; physics is off.";
    if (meta.hide_authors) { extra += " Authors start hidden on graphs of more than " + meta.authors_threshold + " nodes: tick Author to show them."; }
    return graph + (COMMUNITIES.length ? " Shaded regions are communities." : "") + extra;
  }

  function status() {
    body.setAttribute("data-kg-mode", meta.mode);
    body.setAttribute("data-kg-nodes", String(nodes.length));
    body.setAttribute("data-kg-edges", String(edges.length));
    body.setAttribute("data-kg-visible-nodes", String(nodeView.length));
    body.setAttribute("data-kg-visible-edges", String(edgeView.length));
    countLegend();
  }

  document.getElementById("kg-summary").textContent = summaryText();
  network.once("afterDrawing", function () { body.setAttribute("data-kg-drawn", "1"); });
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
  status();
  fromHash();
  body.setAttribute("data-kg-ready", "1");

  window.kgPage = {
    network: network, nodes: nodes, edges: edges, details: details, communities: COMMUNITIES,
    search: search, fold: fold, reveal: reveal, select: select, expand: expand, highlight: highlight,
    openCommunity: openCommunity, clearSelection: clearSelection, nodeSummary: nodeSummary, edgeSummary: edgeSummary,
    labelBoxes: function () { return placedBoxes.map(function (b) { return b.slice(); }); },
    setGroupVisible: function (group, visible) {
      var box = document.querySelector('input[data-group="' + group + '"]');
      if (box) { box.checked = visible; }
      if (visible) { filter.hidden.delete(group); } else { filter.hidden.add(group); }
      refresh();
    },
    setYears: function (from, to) { yearFrom.value = from; yearTo.value = to; readYears(); }
  };
}());
