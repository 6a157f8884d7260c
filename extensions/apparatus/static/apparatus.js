/* The reader's switch between the reading text and the diplomatic text (the witness's
   readings), remembered across pages; and the apparatus popovers: shown on hover, focus or
   tap, kept open while focus is inside the word or its popover (its link is reached by Tab once
   the word is opened by Enter, a tap or a click), closed by Escape (focus returns to the word), and placed inside the text column
   and the viewport (flipped above the word when there is no room below). */
(function () {
  "use strict";
  // the layouts that need the script to be right (the orphan line's measured band) apply from here on;
  // without it the CSS alone lays them out
  document.documentElement.classList.add("ed-js");
  var KEY = "edition-view";
  // the witness's siglum, as the editors declare it (window.EDITION: _static/edition-cite.js, written by the build)
  function siglum() { var e = window.EDITION; return (e && e.citation && e.citation.siglum) || "W"; }
  function stored() { try { return localStorage.getItem(KEY) || "reading"; } catch (e) { return "reading"; } }
  function apply(view) {
    document.body.setAttribute("data-view", view);
    document.querySelectorAll(".view-switch button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
    placePageStarts(view);
    fitGlosses();
    alignPageHeads();
  }
  /* W's page begins with the end of a word the last page divided ("rela-" | "tions."): the reading text has the
     page's marker after the whole word, the diplomatic view at the start of W's line, where the page begins. The
     marker (its id the page's anchor) moves to just after that line's start in the same block, and back. */
  var moved = [];
  function placePageStarts(view) {
    moved.forEach(function (m) { m.home.parentNode.insertBefore(m.pb, m.home); m.home.remove(); });
    moved = [];
    if (view !== "diplomatic") return;
    document.querySelectorAll("article .pb[data-line]").forEach(function (pb) {
      var block = pb.closest("p, li, blockquote, aside, h1, h2, h3, h4, h5, h6");
      var lb = block && block.querySelector('.lb[data-n="' + pb.getAttribute("data-line") + '"]');
      if (!lb || !(lb.compareDocumentPosition(pb) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
      var between = document.createRange();
      between.setStartAfter(lb); between.setEndBefore(pb);
      if (!between.toString().trim()) return;  // nothing of the page's words before it: in place already
      var home = document.createComment("pb");
      pb.parentNode.insertBefore(home, pb);
      lb.parentNode.insertBefore(pb, lb.nextSibling);
      moved.push({ pb: pb, home: home });
    });
  }
  /* An orphan line set as a gloss below its line (CSS): the band left for it is as tall as the gloss. */
  function fitGlosses() {
    document.querySelectorAll("article .fragment").forEach(function (f) {
      var p = f.closest("p, blockquote, li") || f.parentElement;
      p.style.removeProperty("--fragment-h");
      var mark = f.nextElementSibling && f.nextElementSibling.querySelector(":scope > .ednote-mark");
      if (mark) mark.style.removeProperty("top");
      if (getComputedStyle(f).position !== "absolute") return;
      p.style.setProperty("--fragment-h", f.getBoundingClientRect().height + "px");
      // its note mark heads the gloss: on the gloss's first line (both are placed in the paragraph)
      if (mark && getComputedStyle(mark).position === "absolute" && mark.offsetParent === f.offsetParent)
        mark.style.top = (f.offsetTop + parseFloat(getComputedStyle(f).paddingTop) + 1) + "px";
    });
  }
  /* A page of W that begins with a heading: its marker (in the margin, CSS) is set level with the
     heading's first line, however far the heading's own margin puts it below. */
  function alignPageHeads() {
    document.querySelectorAll("article p > .pb:only-child > .pb-link").forEach(function (link) {
      link.style.removeProperty("top");
      if (getComputedStyle(link).position !== "absolute") return;
      var pb = link.parentElement, heading = null;
      document.querySelectorAll("article h2, article h3, article h4").forEach(function (h) {
        if (!heading && (pb.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)) heading = h;
      });
      if (!heading) return;
      var line = heading.getClientRects()[0], box = link.getBoundingClientRect();
      if (!line) return;
      var top = parseFloat(getComputedStyle(link).top) || 0;
      link.style.top = (top + (line.top + line.height / 2) - (box.top + box.height / 2)) + "px";
    });
  }
  function choose(view) { try { localStorage.setItem(KEY, view); } catch (e) {} apply(view); }
  function addSwitch() {
    // only where the two views differ: a text with W's readings or W's line breaks
    if (!document.querySelector(".app .wit, .lb")) return;
    document.body.setAttribute("data-views", "reading diplomatic");  // the diplomatic CSS applies here only
    var box = document.createElement("div");
    box.className = "view-switch";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Text shown");
    [["reading", "Reading text"], ["diplomatic", "Diplomatic (" + siglum() + ")"]].forEach(function (pair) {
      var b = document.createElement("button");
      b.type = "button"; b.setAttribute("data-view", pair[0]); b.textContent = pair[1];
      b.addEventListener("click", function () { choose(pair[0]); });
      box.appendChild(b);
    });
    var where = document.querySelector(".titleblock") || document.querySelector("article h1");
    if (where) where.insertAdjacentElement("afterend", box);
    // furo's "Back to top" pill (fixed at the window's top) is not shown while the switch is in the window
    if (where && window.IntersectionObserver) {
      new IntersectionObserver(function (seen) {
        document.documentElement.classList.toggle("ed-switch-shown", seen[seen.length - 1].isIntersecting);
      }).observe(box);
    }
  }
  /* Sphinx's search makes each result's snippet from the text of the page found (searchtools.js,
     Search.htmlToText: the textContent of its main block), where the reader's furniture was glued to the
     words: the notes' numbers ("discord.[6] Since"), the paragraph numbers and "cite" ("6Indeed"), W's page
     markers, W's own readings and the popovers' words ("Tsuruoka" + "Tsurur..." + "W reads ..."). Those are
     taken out of the page before its text is read, and the blocks are parted by a space. But W's reading that
     holds a word searched for (the page was found by W's spelling, "normalizaiton": the index has W's words of
     every emendation) stays, after the edition's, as "[W: normalizaiton]": the snippet shows why it was found. */
  var NOT_TEXT = ".footnote-reference, .pnum, .cite-p, .pb-link, .app .wit, .app-pop, .sic-mark, .ednote-mark, .takeaway, .view-switch, " +
    "div.citation > .label";  // (the bibliography's labels, not shown)
  var BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, aside, div, section, td, th, caption, figcaption, pre";
  function cleanSearchSnippets() {
    if (typeof Search === "undefined" || !Search || typeof Search.htmlToText !== "function" || Search.htmlToText.edition) return;
    var htmlToText = Search.htmlToText, summary = Search.makeSearchSummary, searched = [];
    if (typeof summary === "function") {
      Search.makeSearchSummary = function (htmlText, keywords, anchor) {
        searched = Array.from(keywords || []).map(function (k) { return String(k).toLowerCase(); });
        try { return summary.apply(this, arguments); } finally { searched = []; }
      };
    }
    var cleaned = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".app-emendation > .wit").forEach(function (wit) {
        var words = wit.textContent, lower = words.toLowerCase();
        if (searched.some(function (k) { return k && lower.indexOf(k) > -1; })) {
          wit.replaceWith(doc.createTextNode(" [" + siglum() + ": " + words + "]"));
        }
      });
      doc.querySelectorAll(NOT_TEXT).forEach(function (el) { el.remove(); });
      doc.querySelectorAll(BLOCKS).forEach(function (el) { el.appendChild(doc.createTextNode(" ")); });
      return htmlToText(doc.documentElement.outerHTML, anchor).replace(/\s+/g, " ").trim();
    };
    cleaned.edition = true;
    Search.htmlToText = cleaned;
  }

  /* The words searched for (search.html leaves them in localStorage, an address may carry ?highlight=): Sphinx's
     sphinx_highlight.js marks them (span.highlighted) in single text nodes only, so it misses a word that W's line
     start (an empty span.lb) or a reading's markup parts ("rap<lb>prochement"). They are read here, as this script
     runs, before Sphinx reads and clears them; once the page is ready they are marked across the text nodes of a
     block, in the reading text and in W's (the view hides the other), without changing a character. */
  var searched = (function () {
    try {
      var url = new URL(window.location.href);
      var terms = localStorage.getItem("sphinx_highlight_terms") || url.searchParams.get("highlight") || "";
      return { terms: terms.toLowerCase().split(/\s+/).filter(Boolean), arrived: !url.hash };
    } catch (e) { return { terms: [] }; }
  })();
  var RUN_ENDS = BLOCKS + ", br, .app-pop, .app-pop > *";  // a word never runs on across these
  var NOT_WORDS = ".footnote-reference, .pnum, .cite-p, .pb-link, .sic-mark, .ednote-mark, .takeaway, .view-switch, " +
    "button, select, textarea, script, style, svg, .nohighlight";
  /* the text nodes of root in runs (a block's words), leaving out the furniture and what the view hides */
  function runsOf(root, hidden) {
    var runs = [[]];
    (function walk(node) {
      node.childNodes.forEach(function (n) {
        if (n.nodeType === Node.TEXT_NODE) runs[runs.length - 1].push(n);
        else if (n.nodeType === Node.ELEMENT_NODE && !n.matches(NOT_WORDS + ", " + hidden)) {
          var ends = n.matches(RUN_ENDS);
          if (ends) runs.push([]);
          walk(n);
          if (ends) runs.push([]);
        }
      });
    })(root);
    return runs.filter(function (run) { return run.length; });
  }
  function mark(node, from, to) {
    if (from >= to || node.parentNode.classList.contains("highlighted")) return;  // (marked by Sphinx already)
    var piece = node.splitText(from);
    piece.splitText(to - from);
    var span = document.createElement("span");
    span.className = "highlighted";
    piece.parentNode.insertBefore(span, piece);
    span.appendChild(piece);
  }
  function markAcross(run, term) {
    var text = "", starts = run.map(function (t) { var at = text.length; text += t.nodeValue.toLowerCase(); return at; });
    var pieces = [];
    for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
      run.forEach(function (t, i) {
        var from = Math.max(at - starts[i], 0), to = Math.min(at + term.length - starts[i], t.nodeValue.length);
        if (from < to) pieces.push([t, from, to]);
      });
    }
    // from the last piece back, so that the places of the earlier ones in their text nodes stay as they were
    pieces.reverse().forEach(function (p) { mark(p[0], p[1], p[2]); });
  }
  function markSearched() {
    if (!searched.terms.length || typeof SphinxHighlight === "undefined" || typeof Search !== "undefined") return;
    var root = document.querySelector("div.body") || document.body;  // where Sphinx marks them
    searched.terms.forEach(function (term) {
      [".app .wit", ".app .rdg"].forEach(function (hidden) {  // the reading text; W's
        runsOf(root, hidden).forEach(function (run) { markAcross(run, term); });
      });
    });
    // arriving from a search (the address names no place), the page shows the first match
    if (!searched.arrived) return;
    var first = [].find.call(document.querySelectorAll("article .highlighted"), function (s) { return s.getClientRects().length; });
    var box = first && first.getBoundingClientRect();
    if (box && (box.top < 0 || box.bottom > document.documentElement.clientHeight))
      first.scrollIntoView({ block: "center", behavior: "instant" });
  }

  var GAP = 2, EDGE = 8;
  /* A reading's word (.app, a button) and its popover are siblings in a wrapper (.app-wrap), which holds the
     states open and dismissed; an editors' note's popover is inside its .app, which holds them itself. */
  function popOf(app) {
    var next = app.nextElementSibling;
    return app.querySelector(":scope > .app-pop") || (next && next.matches(".app-pop") ? next : null);
  }
  function boxOf(app) { var w = app.parentElement; return w && w.matches(".app-wrap") ? w : app; }
  function shown(app) { var pop = popOf(app); return !!pop && getComputedStyle(pop).display !== "none"; }
  /* One Tab stop per word. Focus shows a word's popover as a preview, and Tab goes on to the next word; the word
     is opened by Enter, Space, a tap or a click, and only then is the popover's link in the Tab order, as a
     disclosure button's content is. A word's aria-expanded says whether it is open (or shown by the pointer's
     hover): a preview is not, and its text is the word's description. (Without the script, focus inside the
     word keeps the popover shown and its link reachable.) */
  function opened(a) { var box = boxOf(a); return shown(a) && box.matches(".open, :hover"); }
  function syncExpanded() {
    document.querySelectorAll(".app").forEach(function (a) {
      var pop = popOf(a), open = opened(a);
      if (a.hasAttribute("aria-controls")) a.setAttribute("aria-expanded", String(open));
      if (pop) pop.querySelectorAll("a[href]").forEach(function (l) {
        if (open) l.removeAttribute("tabindex"); else l.setAttribute("tabindex", "-1");
      });
    });
  }
  function dismiss(box) { box.classList.remove("open"); box.classList.add("dismissed"); }
  function narrow() { return window.matchMedia("(max-width: 40em)").matches; }
  /* The area a popover may use: the text column, inside the viewport, below any sticky header. */
  function bounds(app) {
    var vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    var col = (app.closest("article") || document.body).getBoundingClientRect();
    var top = EDGE, header = document.querySelector(".mobile-header");
    if (header) {
      var h = header.getBoundingClientRect();
      if (h.height && getComputedStyle(header).display !== "none" && h.top <= 0 + 1) top = Math.max(top, h.bottom + EDGE);
    }
    return { left: Math.max(col.left, EDGE), right: Math.min(col.right, vw - EDGE), top: top, bottom: vh - EDGE };
  }
  function place(app) {
    var pop = popOf(app); if (!pop) return;
    pop.style.left = pop.style.top = pop.style.width = pop.style.maxHeight = "";
    pop.classList.remove("above");
    if (narrow()) return; // a sheet fixed at the foot of the screen (CSS)
    var shown = getComputedStyle(pop).display !== "none";
    if (!shown) { pop.style.visibility = "hidden"; pop.style.display = "block"; }
    var b = bounds(app);
    var width = Math.min(pop.offsetWidth, b.right - b.left);
    pop.style.width = width + "px";
    // a note mark set apart from its place (the orphan line's gloss): the popover opens at the mark
    var mark = app.querySelector(":scope > .ednote-mark");
    if (mark && getComputedStyle(mark).position === "absolute") app = mark;
    var rects = app.getClientRects(), word = rects[0] || app.getBoundingClientRect();
    var left = Math.min(Math.max(word.left, b.left), b.right - width);
    var height = pop.offsetHeight, below = b.bottom - (word.bottom + GAP), above = (word.top - GAP) - b.top;
    var top;
    if (height <= below || below >= above) {
      top = word.bottom + GAP;
      if (height > below) pop.style.maxHeight = Math.max(below, 48) + "px";
    } else {
      pop.classList.add("above");
      if (height > above) { pop.style.maxHeight = above + "px"; height = above; }
      top = word.top - GAP - height;
    }
    pop.style.left = left + "px"; pop.style.top = top + "px";
    if (!shown) { pop.style.visibility = ""; pop.style.display = ""; }
  }
  /* On a phone the popover is a sheet at the foot of the screen: when it opens over its own word,
     the page scrolls the word up above it, so that the word and its entry are seen together. */
  function reveal(app) {
    if (!narrow()) return;
    requestAnimationFrame(function () {
      var pop = popOf(app); if (!pop || getComputedStyle(pop).display === "none") return;
      var sheet = pop.getBoundingClientRect(), word = app.getBoundingClientRect();
      if (word.bottom > sheet.top - EDGE) window.scrollBy({ top: word.bottom - sheet.top + 2 * EDGE, behavior: "instant" });
    });
  }
  function closeAll(except) {
    document.querySelectorAll(".app.open, .app-wrap.open").forEach(function (a) { if (a !== except) a.classList.remove("open"); });
  }
  function placeOpen() {
    document.querySelectorAll(".app").forEach(function (a) { if (boxOf(a).matches(".open, :hover, :focus-within")) place(a); });
    document.querySelectorAll(".note-pop.shown").forEach(function (pop) { place(pop.previousElementSibling); });
  }
  /* One popover at a time: what the pointer or a tap opens closes what else is shown (a word's preview by focus
     is dismissed until focus leaves it) */
  function closeOthers(except) {
    document.querySelectorAll(".note-pop.shown").forEach(function (p) { if (p !== except) p.classList.remove("shown"); });
    document.querySelectorAll(".app").forEach(function (a) {
      var box = boxOf(a), pop = popOf(a);
      if (pop !== except && !box.contains(except) && box.matches(".open, :focus-within")) dismiss(box);
    });
  }
  /* A note's marker shows the note on hover or keyboard focus (wide screens; on a phone the marker is a link to
     the note, as without the script): a copy of the note's text beside the marker, as the text is in the current
     view (W's readings in the diplomatic view), its own words, lines and page marks left out, its links kept for
     the pointer. The copy is a visual aid only (aria-hidden): the marker's link leads every reader to the note. */
  var NOTE_DELAY = 200;
  function notePop(ref) {
    var pop = ref.nextElementSibling;
    if (pop && pop.matches(".note-pop")) return pop;
    var note = document.getElementById((ref.getAttribute("href") || "").slice(1));
    if (!note || !note.matches("aside.footnote")) return null;
    pop = document.createElement("span");
    pop.className = "app-pop note-pop";
    pop.setAttribute("aria-hidden", "true");
    var head = document.createElement("span");
    head.className = "app-pop-head";
    head.textContent = "note " + ref.textContent.replace(/[\[\]\s]/g, "");
    pop.appendChild(head);
    Array.prototype.forEach.call(note.children, function (child) {
      if (child.matches(".label, .backrefs") || !child.textContent.trim()) return;
      var par = document.createElement("span");
      par.className = "note-pop-par";
      par.appendChild(child.cloneNode(true));
      pop.appendChild(par);
    });
    pop.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    pop.querySelectorAll(".app-pop, .pb, .lb, .cite-p, .pnum").forEach(function (e) { e.remove(); });
    pop.querySelectorAll("[tabindex], [role], [aria-controls], [aria-description]").forEach(function (e) {
      ["tabindex", "role", "aria-controls", "aria-description", "aria-expanded"].forEach(function (n) { e.removeAttribute(n); });
    });
    pop.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
    ref.insertAdjacentElement("afterend", pop);
    return pop;
  }
  function notePopovers() {
    document.querySelectorAll("article[role='main'] a.footnote-reference[href^='#']").forEach(function (ref) {
      var timer = null;
      function show(ev) {
        clearTimeout(timer);
        if (narrow()) return;
        var pop = notePop(ref); if (!pop) return;
        if (!pop.hasAttribute("data-wired")) {  // the pointer may move onto the copy (to follow a link in it)
          pop.setAttribute("data-wired", "");
          pop.addEventListener("mouseenter", function () { clearTimeout(timer); });
          pop.addEventListener("mouseleave", function () { hideSoon(NOTE_DELAY); });
        }
        if (ev && ev.type === "mouseenter" && pop.hasAttribute("data-dismissed")) return;  // Escape: until the pointer leaves
        closeOthers(pop);
        pop.classList.add("shown");
        place(ref);
        // (focus may scroll the page to the marker after this: placed again once it has)
        requestAnimationFrame(function () { if (pop.matches(".shown")) place(ref); });
      }
      function hideSoon(delay) {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var pop = ref.nextElementSibling;
          if (pop && pop.matches(".note-pop") && !pop.matches(":hover") && !ref.matches(":hover, :focus")) pop.classList.remove("shown");
        }, delay);
      }
      ref.addEventListener("mouseenter", show);
      ref.addEventListener("focus", show);
      ref.addEventListener("mouseleave", function () {
        var pop = ref.nextElementSibling;
        if (pop && pop.matches(".note-pop")) pop.removeAttribute("data-dismissed");
        hideSoon(NOTE_DELAY);
      });
      ref.addEventListener("blur", function () { hideSoon(0); });  // (the keyboard never enters the copy)
      ref.addEventListener("click", function () { var pop = ref.nextElementSibling; if (pop && pop.matches(".note-pop")) pop.classList.remove("shown"); });
      ref.addEventListener("keydown", function (ev) {
        var pop = ref.nextElementSibling;
        if (ev.key === "Escape" && pop && pop.matches(".note-pop.shown")) { ev.preventDefault(); pop.classList.remove("shown"); }
      });
    });
  }
  /* In print, an address is added after a link whose text is not itself (part of) the address. */
  function markPrintedAddresses() {
    document.querySelectorAll("article a[href^='http']").forEach(function (a) {
      var text = a.textContent.replace(/\s+/g, ""), href = a.getAttribute("href");
      if (text && href.indexOf(text) < 0 && href.replace(/^https?:\/\//, "").indexOf(text) < 0) a.setAttribute("data-print-url", href);
    });
  }
  /* furo's sidebars are landmarks (aside) without a name: named, a screen reader's list of landmarks tells them
     apart (the site's contents; the headings of this page, by its own title, "On this page") */
  function nameLandmarks() {
    var site = document.querySelector("aside.sidebar-drawer");
    if (site && !site.hasAttribute("aria-label")) site.setAttribute("aria-label", "Contents");
    var toc = document.querySelector("aside.toc-drawer"), title = toc && toc.querySelector(".toc-title");
    if (toc && !toc.hasAttribute("aria-label"))
      toc.setAttribute("aria-label", (title && title.textContent.trim()) || "On this page");
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameLandmarks();
    notePopovers();
    cleanSearchSnippets();  // (searchtools.js, loaded after this script, has defined Search by now)
    addSwitch();
    markPrintedAddresses();
    apply(stored());
    syncExpanded();
    document.querySelectorAll(".app").forEach(function (a) {
      var box = boxOf(a);
      box.addEventListener("mouseenter", function () {
        box.classList.remove("dismissed");
        closeOthers(popOf(a));
        place(a); syncExpanded();
      });
      box.addEventListener("mouseleave", function () { box.classList.remove("dismissed"); requestAnimationFrame(syncExpanded); });
      box.addEventListener("focusin", function () { closeAll(box); place(a); reveal(a); syncExpanded(); });
      box.addEventListener("focusout", function (ev) {
        if (!box.contains(ev.relatedTarget)) { box.classList.remove("dismissed"); box.classList.remove("open"); }
        requestAnimationFrame(syncExpanded);
      });
      /* a tap or click on the word shows its popover, and hides it if it was shown by a tap or click before (or by
         focus): the press gives the word focus, which alone would keep it shown; whether it was shown is read as
         the press begins, before that focus (a popover shown by the pointer's hover alone is opened, not closed) */
      var pressed = null;
      box.addEventListener("pointerdown", function (ev) {
        pressed = ev.target.closest(".app-pop") ? null : shown(a) && (box.classList.contains("open") || box.contains(document.activeElement));
      });
      box.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) return;
        var wasShown = pressed; pressed = null;
        if (wasShown && !ev.target.closest(".app-pop")) { closeAll(null); dismiss(box); syncExpanded(); return; }
        var open = !box.classList.contains("open");
        closeAll(box);
        box.classList.remove("dismissed");
        box.classList.toggle("open", open);
        place(a);
        if (open) reveal(a);  // a tap need not focus the word (iOS; a touch screen's tap in Chromium): reveal it here too
        syncExpanded();
      });
      box.addEventListener("keydown", function (ev) {
        // Enter or Space on the word: shows its popover, or hides it if shown (a disclosure button)
        if ((ev.key === "Enter" || ev.key === " ") && ev.target === a) {
          ev.preventDefault();
          if (opened(a)) dismiss(box);
          else { closeAll(box); box.classList.remove("dismissed"); box.classList.add("open"); place(a); reveal(a); }
          syncExpanded();
        }
        if (ev.key === "Escape") {
          ev.preventDefault();
          dismiss(box);
          if (document.activeElement !== a) a.focus();
          syncExpanded();
        }
      });
    });
    document.addEventListener("click", function (ev) { if (!ev.target.closest(".app, .app-wrap")) { closeAll(null); syncExpanded(); } });
    // a popover shown by hover (focus elsewhere) is dismissed by Escape too (WCAG 1.4.13), until the pointer leaves
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") return;
      document.querySelectorAll(".app").forEach(function (a) { var box = boxOf(a); if (box.matches(":hover, .open")) dismiss(box); });
      document.querySelectorAll(".note-pop.shown").forEach(function (p) { p.classList.remove("shown"); p.setAttribute("data-dismissed", ""); });
      syncExpanded();
    });
    window.addEventListener("scroll", placeOpen, { passive: true });
    window.addEventListener("resize", function () { fitGlosses(); alignPageHeads(); placeOpen(); });
    // printing lays the page out anew: the gloss's band and its mark are measured again (and after)
    var printing = window.matchMedia("print");
    if (printing.addEventListener) printing.addEventListener("change", fitGlosses);
    window.addEventListener("afterprint", fitGlosses);
    window.addEventListener("load", function () {
      alignPageHeads();  // the web fonts have set the headings
      setTimeout(function () { document.documentElement.classList.add("ed-smooth"); }, 0);
    });
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(fitGlosses);
    setTimeout(markSearched, 10);  // after Sphinx's own marks (sphinx_highlight.js: its timer of 10 ms, set before this one)
  });
})();
