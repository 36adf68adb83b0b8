/**
 * The script of the HTML case report, inlined into the page (no network, no libraries). It reads
 * the JSON data block, and makes the server-drawn SVG link chart interactive: click (or Enter on)
 * an account to list its alerts, details and transactions; wheel to zoom, drag to pan; click a
 * ranked subject to find it on the chart. All text is inserted with `textContent`, never as HTML.
 * Kept as plain ES2017 in a string so the page needs no build step.
 *
 * @example
 * ```ts
 * const page = `<script type="application/json" id="wt-data">${jsonForScript(data)}</script>
 * <script>${VIEWER_SCRIPT}</script>`;
 * ```
 */
export const VIEWER_SCRIPT = `(function () {
  "use strict";
  var dataEl = document.getElementById("wt-data");
  var chart = document.getElementById("wt-chart");
  var panel = document.getElementById("wt-details");
  if (!dataEl || !chart || !panel) return;
  var data = JSON.parse(dataEl.textContent || "{}");
  var nodes = data.nodes || [];
  var edges = data.edges || [];
  var alerts = new Map();
  (data.alerts || []).forEach(function (a) { alerts.set(a.id, a); });
  var byId = new Map();
  nodes.forEach(function (n, i) { byId.set(n.id, i); });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function money(v) {
    var s = Math.abs(v).toFixed(2).split(".");
    return (v < 0 ? "-" : "") + s[0].replace(/\\B(?=(\\d{3})+(?!\\d))/g, ",") + "." + s[1] + " " + (data.currency || "");
  }
  function fact(dl, label, value) {
    if (value === "" || value === undefined || value === null) return;
    dl.appendChild(el("dt", label));
    dl.appendChild(el("dd", value));
  }

  function highlight(i) {
    var near = new Set([i]);
    chart.querySelectorAll(".wt-edge").forEach(function (e) {
      var s = Number(e.getAttribute("data-s"));
      var t = Number(e.getAttribute("data-t"));
      var on = s === i || t === i;
      if (on) { near.add(s); near.add(t); }
      e.classList.toggle("wt-near", on);
    });
    chart.querySelectorAll(".wt-node").forEach(function (g) {
      var k = Number(g.getAttribute("data-i"));
      g.classList.toggle("wt-selected", k === i);
      g.classList.toggle("wt-near", near.has(k));
    });
    chart.classList.add("wt-focus");
  }

  function select(i) {
    var n = nodes[i];
    if (!n) return;
    highlight(i);
    panel.replaceChildren();
    panel.appendChild(el("h3", n.label));
    var dl = el("dl");
    fact(dl, "Account", n.id);
    if (n.holder) fact(dl, "Holder", n.holder);
    fact(dl, "Country", n.country);
    fact(dl, "Institution", n.institution);
    fact(dl, "Type", n.type);
    if (n.community) fact(dl, "Community", n.community);
    if (n.score > 0) fact(dl, "Score", n.score + (n.rank ? " (rank " + n.rank + ")" : ""));
    fact(dl, "Volume in and out", money(n.volume));
    if (n.flow) fact(dl, "Traced flows", "on a traced flow");
    panel.appendChild(dl);

    panel.appendChild(el("h4", "Alerts (" + n.alerts.length + ")"));
    if (n.alerts.length === 0) panel.appendChild(el("p", "No alert names this account or its holder.", "wt-muted"));
    else {
      var ul = el("ul", null, "wt-alerts");
      n.alerts.forEach(function (id) {
        var a = alerts.get(id);
        var li = el("li");
        if (!a) { li.textContent = id; ul.appendChild(li); return; }
        li.appendChild(el("span", a.severity, "wt-sev wt-sev-" + a.severity));
        li.appendChild(el("strong", " " + a.rule + " "));
        li.appendChild(el("span", "score " + a.score + " · " + a.typology, "wt-muted"));
        li.appendChild(el("div", a.explanation));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }

    panel.appendChild(el("h4", "Transactions (" + n.transactions.length + " largest, by date)"));
    if (n.transactions.length === 0) panel.appendChild(el("p", "None.", "wt-muted"));
    else {
      var table = el("table", null, "wt-tx");
      var head = el("tr");
      ["Date", "Id", "Counterparty", "Amount", "Reference"].forEach(function (h) { head.appendChild(el("th", h)); });
      var thead = el("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var tbody = el("tbody");
      n.transactions.forEach(function (t) {
        var tr = el("tr");
        var out = t.from === n.id;
        tr.appendChild(el("td", t.date.slice(0, 10), "wt-nowrap"));
        tr.appendChild(el("td", t.id, "wt-nowrap"));
        tr.appendChild(el("td", out ? "\u2192 " + t.to : "\u2190 " + t.from));
        tr.appendChild(el("td", (out ? "-" : "+") + money(t.amount), "wt-num " + (out ? "wt-out" : "wt-in")));
        var ref = el("td", t.reference);
        ref.appendChild(el("div", t.channel, "wt-muted"));
        tr.appendChild(ref);
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      panel.appendChild(table);
    }
  }

  chart.addEventListener("click", function (ev) {
    var g = ev.target && ev.target.closest ? ev.target.closest(".wt-node") : null;
    if (g) select(Number(g.getAttribute("data-i")));
  });
  chart.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var g = ev.target && ev.target.closest ? ev.target.closest(".wt-node") : null;
    if (g) { ev.preventDefault(); select(Number(g.getAttribute("data-i"))); }
  });
  document.querySelectorAll("[data-account]").forEach(function (row) {
    var i = byId.get(row.getAttribute("data-account"));
    if (i === undefined) return;
    row.classList.add("wt-link");
    row.addEventListener("click", function () {
      select(i);
      chart.scrollIntoView({ block: "center" });
    });
  });

  var vb = chart.viewBox.baseVal;
  var home = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
  chart.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = chart.getBoundingClientRect();
    var fx = (ev.clientX - r.left) / r.width;
    var fy = (ev.clientY - r.top) / r.height;
    var k = ev.deltaY < 0 ? 0.85 : 1 / 0.85;
    var w = Math.min(home.w * 4, Math.max(home.w / 12, vb.width * k));
    var h = w * home.h / home.w;
    vb.x = vb.x + (vb.width - w) * fx;
    vb.y = vb.y + (vb.height - h) * fy;
    vb.width = w;
    vb.height = h;
  }, { passive: false });
  var drag = null;
  chart.addEventListener("pointerdown", function (ev) {
    if (ev.target && ev.target.closest && ev.target.closest(".wt-node")) return;
    drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y };
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var r = chart.getBoundingClientRect();
    vb.x = drag.vx - (ev.clientX - drag.x) * vb.width / r.width;
    vb.y = drag.vy - (ev.clientY - drag.y) * vb.height / r.height;
  });
  window.addEventListener("pointerup", function () { drag = null; });
  var reset = document.getElementById("wt-reset");
  if (reset) reset.addEventListener("click", function () {
    vb.x = home.x; vb.y = home.y; vb.width = home.w; vb.height = home.h;
    chart.classList.remove("wt-focus");
    chart.querySelectorAll(".wt-selected, .wt-near").forEach(function (e) { e.classList.remove("wt-selected", "wt-near"); });
  });
  document.documentElement.setAttribute("data-wt-ready", String(nodes.length));
})();
`;
