/* kg insights page: draw every chart as plain SVG from the JSON data block. All text goes
   through textContent (in HTML and SVG alike), never innerHTML, so scraped names stay
   text. Static file: its SHA-256 is in the page's Content-Security-Policy. */
(function () {
  "use strict";

  var body = document.body;
  var violations = 0;
  document.addEventListener("securitypolicyviolation", function () {
    violations += 1;
    body.setAttribute("data-kg-csp-violations", String(violations));
  });
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#9c755f"];
  var TYPE_LABEL = { DATASET: "Datasets", MODEL: "Models", METHOD: "Methods", TASK: "Tasks" };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function titled(node, text) { node.appendChild(svgEl("title", {}, text)); return node; }

  function csvNote(name) {
    var p = el("p", "Numbers: ", "ki-csv");
    var a = el("a", name);
    a.href = name;  /* the CSV file written beside this page */
    p.appendChild(a);
    return p;
  }

  function chartBox(title, kind) {
    var box = el("div", null, "ki-chart");
    box.setAttribute("data-kg-chart", kind);
    box.appendChild(el("h3", title));
    return box;
  }

  /* ---------------------------------------------------------------- trends */

  function lineChart(chart) {
    var years = DATA.years;
    var box = chartBox(TYPE_LABEL[chart.type] || chart.type, "trend-" + chart.type);
    var W = 460, H = 220, L = 36, R = 22, T = 10, B = 24;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img" });
    var max = 1;
    chart.series.forEach(function (s) { s.counts.forEach(function (c) { max = Math.max(max, c); }); });
    function x(i) { return L + (years.length < 2 ? (W - L - R) / 2 : i * (W - L - R) / (years.length - 1)); }
    function y(v) { return T + (H - T - B) * (1 - v / max); }
    svg.appendChild(svgEl("line", { x1: L, y1: y(0), x2: W - R, y2: y(0), "class": "ki-axis" }));
    svg.appendChild(svgEl("line", { x1: L, y1: T, x2: L, y2: y(0), "class": "ki-axis" }));
    svg.appendChild(svgEl("text", { x: L - 4, y: T + 8, "text-anchor": "end" }, max));
    svg.appendChild(svgEl("text", { x: L - 4, y: y(0), "text-anchor": "end" }, 0));
    years.forEach(function (yr, i) {
      if (years.length <= 12 || i % Math.ceil(years.length / 10) === 0 || i === years.length - 1) {
        svg.appendChild(svgEl("text", { x: x(i), y: H - 8, "text-anchor": "middle" }, yr));
      }
    });
    var legend = el("ul", null, "ki-legend");
    chart.series.forEach(function (s, k) {
      var color = PALETTE[k % PALETTE.length];
      var points = s.counts.map(function (c, i) { return x(i).toFixed(1) + "," + y(c).toFixed(1); }).join(" ");
      var g = svgEl("g", { "data-kg-series": s.name });
      g.appendChild(titled(svgEl("polyline", { points: points, fill: "none", stroke: color, "stroke-width": 2 }), s.name));
      s.counts.forEach(function (c, i) {
        var dot = svgEl("circle", { cx: x(i).toFixed(1), cy: y(c).toFixed(1), r: 3, fill: color,
                                     "data-kg-year": years[i], "data-kg-count": c });
        g.appendChild(titled(dot, s.name + " · " + years[i] + ": " + c + (c === 1 ? " paper" : " papers")));
      });
      svg.appendChild(g);
      var li = el("li");
      var sw = el("span", null, "ki-swatch");
      sw.style.background = color;
      li.appendChild(sw);
      li.appendChild(el("span", s.name));
      legend.appendChild(li);
    });
    box.appendChild(svg);
    box.appendChild(legend);
    if (!chart.series.length) { box.appendChild(el("p", "No " + (TYPE_LABEL[chart.type] || chart.type).toLowerCase() + " in this graph.", "ki-note")); }
    return box;
  }

  /* ---------------------------------------------------------------- rising and falling */

  function barChart(title, kind, rows, color) {
    var box = chartBox(title, kind);
    var W = 460, row = 20, L = 190, H = Math.max(1, rows.length) * row + 8;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img" });
    var max = 0.01;
    rows.forEach(function (r) { max = Math.max(max, Math.abs(r.change)); });
    rows.forEach(function (r, i) {
      var w = Math.abs(r.change) / max * (W - L - 60);
      var g = svgEl("g", { "data-kg-name": r.name, "data-kg-change": r.change });
      var label = svgEl("text", { x: L - 6, y: i * row + 15, "text-anchor": "end" },
                        r.name.length > 30 ? r.name.slice(0, 29) + "…" : r.name);
      g.appendChild(label);
      g.appendChild(titled(svgEl("rect", { x: L, y: i * row + 4, width: w.toFixed(1), height: row - 6, fill: color }),
                           r.name + ": " + r.before + "% → " + r.recent + "% of papers (" + r.papers + " papers)"));
      g.appendChild(svgEl("text", { x: L + w + 4, y: i * row + 15 }, (r.change > 0 ? "+" : "") + r.change + " pts"));
      svg.appendChild(g);
    });
    box.appendChild(svg);
    if (!rows.length) { box.appendChild(el("p", "None.", "ki-note")); }
    return box;
  }

  /* ---------------------------------------------------------------- model × dataset */

  function matrixChart(m) {
    var box = chartBox("Models × datasets", "matrix");
    if (!m.models.length || !m.datasets.length) {
      box.appendChild(el("p", "This graph needs both models and datasets for this chart.", "ki-note"));
      return box;
    }
    var cell = 34, L = 170, T = 120;
    var W = L + cell * m.datasets.length + 10, H = T + cell * m.models.length + 10;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: Math.min(W, 900), role: "img" });
    var max = 1;
    m.cells.forEach(function (r) { r.forEach(function (c) { max = Math.max(max, c); }); });
    function cut(s) { return s.length > 26 ? s.slice(0, 25) + "…" : s; }
    m.datasets.forEach(function (d, j) {
      var t = svgEl("text", { transform: "translate(" + (L + j * cell + cell / 2 + 4) + "," + (T - 6) + ") rotate(-50)" }, cut(d));
      svg.appendChild(titled(t, d));
    });
    m.models.forEach(function (name, i) {
      svg.appendChild(titled(svgEl("text", { x: L - 6, y: T + i * cell + cell / 2 + 4, "text-anchor": "end" }, cut(name)), name));
      m.cells[i].forEach(function (c, j) {
        var shade = c ? 0.15 + 0.85 * c / max : 0;
        var g = svgEl("g", { "data-kg-model": name, "data-kg-dataset": m.datasets[j], "data-kg-count": c });
        g.appendChild(titled(svgEl("rect", { x: L + j * cell, y: T + i * cell, width: cell - 2, height: cell - 2,
                                             fill: c ? "rgba(78,121,167," + shade.toFixed(2) + ")" : "#f3f3f3" }),
                             name + " × " + m.datasets[j] + ": " + c + (c === 1 ? " paper" : " papers")));
        if (c) {
          g.appendChild(svgEl("text", { x: L + j * cell + cell / 2 - 1, y: T + i * cell + cell / 2 + 3, "text-anchor": "middle" }, c));
        }
        svg.appendChild(g);
      });
    });
    box.appendChild(svg);
    return box;
  }

  /* ---------------------------------------------------------------- authors per community */

  function authorList(c) {
    var box = chartBox(c.name, "community-" + c.rank);
    var head = box.firstChild;
    head.style.borderLeft = "6px solid " + c.color;
    head.style.paddingLeft = "6px";
    box.appendChild(el("p", c.papers + (c.papers === 1 ? " paper" : " papers"), "ki-note"));
    var ol = el("ol", null, "ki-authors");
    c.authors.forEach(function (a) {
      var li = el("li", a.name + " · " + a.papers);
      li.setAttribute("data-kg-count", String(a.papers));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    return box;
  }

  var total = DATA.papers_per_year.reduce(function (a, b) { return a + b; }, 0);
  document.getElementById("ki-summary").textContent = DATA.years.length ?
    total.toLocaleString("en") + " dated papers, " + DATA.years[0] + "–" + DATA.years[DATA.years.length - 1] +
    ". Every chart's numbers are in the CSV file named under it." : "No dated papers in this graph.";

  var trends = document.getElementById("ki-trend-charts");
  DATA.trends.forEach(function (chart) { trends.appendChild(lineChart(chart)); });
  trends.parentNode.appendChild(csvNote(DATA.csv[0]));

  var mv = DATA.movers;
  document.getElementById("ki-movers-note").textContent = mv.recent.length ?
    "Change in the share of papers naming each name, " + mv.before[0] + "–" + mv.before[1] + " against " +
    mv.recent[0] + "–" + mv.recent[1] + " (percentage points; names in at least a few papers)." :
    "Too few years of papers to compare.";
  var movers = document.getElementById("ki-mover-charts");
  movers.appendChild(barChart("Rising", "rising", mv.rising, "#59a14f"));
  movers.appendChild(barChart("Falling", "falling", mv.falling, "#e15759"));
  movers.parentNode.appendChild(csvNote(DATA.csv[1]));

  var matrix = document.getElementById("ki-matrix-chart");
  matrix.appendChild(matrixChart(DATA.matrix));
  matrix.parentNode.appendChild(csvNote(DATA.csv[2]));

  var authors = document.getElementById("ki-author-lists");
  DATA.community_authors.forEach(function (c) { authors.appendChild(authorList(c)); });
  if (!DATA.community_authors.length) { authors.appendChild(el("p", "No communities in this graph.", "ki-note")); }
  authors.parentNode.appendChild(csvNote(DATA.csv[3]));

  body.setAttribute("data-kg-ready", "1");
  body.setAttribute("data-kg-drawn", "1");
}());
