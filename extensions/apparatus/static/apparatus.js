/* The reader's switch between the reading text and the diplomatic text (the witness's
   readings), remembered across pages; and tap-to-open for apparatus popovers. */
(function () {
  "use strict";
  var KEY = "edition-view";
  function stored() { try { return localStorage.getItem(KEY) || "reading"; } catch (e) { return "reading"; } }
  function apply(view) {
    document.body.setAttribute("data-view", view);
    document.querySelectorAll(".view-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
  }
  function choose(view) { try { localStorage.setItem(KEY, view); } catch (e) {} apply(view); }
  function addSwitch() {
    if (!document.querySelector(".app, .apparatus-list")) return;
    var box = document.createElement("div");
    box.className = "view-switch";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Text shown");
    [["reading", "Reading text"], ["diplomatic", "Diplomatic (W)"]].forEach(function (pair) {
      var b = document.createElement("button");
      b.type = "button"; b.setAttribute("data-view", pair[0]); b.textContent = pair[1];
      b.addEventListener("click", function () { choose(pair[0]); });
      box.appendChild(b);
    });
    var where = document.querySelector(".titleblock") || document.querySelector("article h1");
    if (where) where.insertAdjacentElement("afterend", box);
  }
  function closeAll(except) {
    document.querySelectorAll(".app.open").forEach(function (a) { if (a !== except) a.classList.remove("open"); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    addSwitch();
    apply(stored());
    document.querySelectorAll(".app").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) return;
        var open = !a.classList.contains("open");
        closeAll(a);
        a.classList.toggle("open", open);
      });
      a.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); a.click(); }
        if (ev.key === "Escape") { a.classList.remove("open"); a.blur(); }
      });
    });
    document.addEventListener("click", function (ev) { if (!ev.target.closest(".app")) closeAll(null); });
  });
})();
/* Citing a passage: a paragraph number gives the citation (¶ and the page of W where the
   paragraph begins), shown and, where the browser allows, copied. */
(function () {
  "use strict";
  function pageOf(para) {
    var own = para.querySelector(".pb");
    if (own) {
      var before = document.createRange();
      before.setStart(para, 0); before.setEndBefore(own);
      var lead = before.cloneContents(); var num = lead.querySelector(".pnum"); if (num) num.remove();
      if (!lead.textContent.trim()) return own.id; // the paragraph begins the page
    }
    var all = Array.prototype.slice.call(document.querySelectorAll(".pb"));
    var found = "";
    all.forEach(function (pb) {
      if (pb.compareDocumentPosition(para) & Node.DOCUMENT_POSITION_FOLLOWING) found = pb.id;
    });
    return found;
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.pnum");
    if (!link) return;
    var para = document.getElementById(link.getAttribute("href").slice(1));
    if (!para) return;
    var title = document.querySelector("article h1");
    var author = document.querySelector(".titleblock .author");
    var cite = (author ? author.childNodes[0].textContent.trim() + ", " : "") +
      (title ? "“" + title.textContent.replace("¶", "").trim() + ",” " : "") +
      "critical edition, ¶ " + link.textContent.trim() + (pageOf(para) ? " (" + pageOf(para) + ")" : "") +
      ", " + location.href.split("#")[0] + "#" + para.id;
    var box = document.querySelector(".cite-box") || document.createElement("div");
    box.className = "cite-box"; box.setAttribute("role", "status");
    box.textContent = "Cite as: " + cite;
    document.body.appendChild(box);
    try { navigator.clipboard.writeText(cite).then(function () { box.textContent += "  (copied)"; }, function () {}); } catch (e) {}
    clearTimeout(box._timer); box._timer = setTimeout(function () { box.remove(); }, 8000);
  });
})();
