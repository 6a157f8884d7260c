/* Citing: every paragraph has a visible "cite" control (and its ¶ number) that shows the full
   citation (the edition's reference as the editors give it, ¶, the pages of W the paragraph
   stands on, the address) and copies it where the browser allows; the bar's "cite"
   button does the same for the whole edition. The edition's metadata comes from
   _static/edition-cite.js (window.EDITION, written by the build). */
(function () {
  "use strict";
  function edition() { return window.EDITION || { citation: {}, blocks: {} }; }
  function siglum() { return edition().citation.siglum || "W"; }
  function pageOf(para) {
    var own = para.querySelector(".pb");
    if (own) {
      var before = document.createRange();
      before.setStart(para, 0); before.setEndBefore(own);
      var lead = before.cloneContents();
      lead.querySelectorAll(".pnum, .cite-p, .lb").forEach(function (n) { n.remove(); });
      if (!lead.textContent.trim()) return own.id; // the paragraph begins the page
    }
    var found = "";
    document.querySelectorAll(".pb").forEach(function (pb) {
      if (pb.compareDocumentPosition(para) & Node.DOCUMENT_POSITION_FOLLOWING) found = pb.id;
    });
    return found;
  }
  /* The pages of W a paragraph stands on: "W2", or "W2–W3" when a page of W begins inside it
     (a reader quoting its second half cites the second page too). */
  function pagesOf(para) {
    var first = pageOf(para), last = first;
    para.querySelectorAll(".pb").forEach(function (pb) { if (pb.id) last = pb.id; });
    return last && last !== first ? first + "–" + last : first;
  }
  function reference() {
    var c = edition().citation;
    if (c.reference) return c.reference;
    var title = document.querySelector("article h1"), author = document.querySelector(".titleblock .author");
    return (author ? author.childNodes[0].textContent.trim() + ", " : "") +
      (title ? "“" + title.textContent.replace("¶", "").trim() + "”" : "") + ", critical edition";
  }
  function here(id) { return location.href.split("#")[0] + (id ? "#" + id : ""); }
  /* The citation box: focus moves into it, Escape (wherever focus is) or Close shuts it and gives
     focus back to the control that opened it; it stands over the text column, not the sidebar. It is
     described by its citation (read when it opens), and it closes when focus leaves it, so that it never
     hides the focused control: Tab past its last button (or Shift+Tab before its first) gives focus back
     to the opener; focus moved elsewhere (a click on another control) stays there. */
  var opener = null;
  function close(giveBack) {
    var box = document.querySelector(".cite-box"); if (!box) return;
    box.remove();
    if (giveBack !== false && opener && document.contains(opener)) opener.focus({ preventScroll: giveBack === "quietly" });
    opener = null;
  }
  function leave(ev) {
    var box = ev.currentTarget;
    if (ev.relatedTarget && !box.contains(ev.relatedTarget)) { close(false); return; }
    // (focus to nowhere, as after a click on the page's text: back to the opener, unless the window lost focus)
    setTimeout(function () {
      if (document.contains(box) && document.hasFocus() && !box.contains(document.activeElement)) {
        close(document.activeElement === document.body || !document.activeElement ? "quietly" : false);
      }
    }, 0);
  }
  function tabOut(ev) {
    if (ev.key !== "Tab") return;
    var buttons = ev.currentTarget.querySelectorAll("button"), first = buttons[0], last = buttons[buttons.length - 1];
    if ((ev.shiftKey && document.activeElement === first) || (!ev.shiftKey && document.activeElement === last)) {
      ev.preventDefault(); close();
    }
  }
  /* On a wide screen the box opens at the control that opened it, below it (above it where there is no room
     below), ending where the control ends, inside the text column; on a phone it is a sheet at the foot of the
     screen (CSS). It stays with the text as the page scrolls. */
  function place(box) {
    box.classList.remove("cite-box-at");
    box.style.left = box.style.top = "";
    var column = document.querySelector("article");
    if (column) {
      var c = column.getBoundingClientRect();
      box.style.left = (c.left + c.width / 2) + "px";
      box.style.maxWidth = Math.max(c.width, 240) + "px";
    }
    if (!opener || !document.contains(opener) || !column) return;
    if (window.matchMedia("(max-width: 40em)").matches) {
      // a sheet at the foot of the screen: the page scrolls the control that opened it up above the sheet
      requestAnimationFrame(function () {
        if (!document.contains(box) || !document.contains(opener)) return;
        var sheet = box.getBoundingClientRect(), from = opener.getBoundingClientRect();
        if (from.bottom > sheet.top - 8) window.scrollBy({ top: from.bottom - sheet.top + 16, behavior: "instant" });
      });
      return;
    }
    var o = opener.getBoundingClientRect();
    if (!o.width && !o.height) return;
    var col = column.getBoundingClientRect(), vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    box.classList.add("cite-box-at");
    var width = box.offsetWidth, height = box.offsetHeight, GAP = 6, EDGE = 8;
    var right = Math.min(Math.max(o.right, col.left + width), col.right, vw - EDGE);
    var left = Math.max(right - width, col.left, EDGE);
    var top = (o.bottom + GAP + height <= vh - EDGE || o.top - GAP - height < EDGE) ? o.bottom + GAP : o.top - GAP - height;
    box.style.left = (left + window.scrollX) + "px";
    box.style.top = (top + window.scrollY) + "px";
  }
  window.addEventListener("resize", function () { var box = document.querySelector(".cite-box"); if (box) place(box); });
  function show(cite, from) {
    var box = document.querySelector(".cite-box");
    opener = from || document.activeElement;
    if (!box) {
      box = document.createElement("div"); box.className = "cite-box";
      box.setAttribute("role", "dialog"); box.setAttribute("aria-label", "Cite");
      box.setAttribute("aria-describedby", "cite-box-text");
      box.innerHTML = '<p class="cite-text" id="cite-box-text"></p><p class="cite-actions">' +
        '<button type="button" class="cite-copy">Copy</button> <button type="button" class="cite-close">Close</button>' +
        ' <span class="cite-status" role="status"></span></p>';
      box.querySelector(".cite-close").addEventListener("click", function () { close(); });
      box.addEventListener("focusout", leave);
      box.addEventListener("keydown", tabOut);
      box.querySelector(".cite-copy").addEventListener("click", function () { copy(box); });
      document.body.appendChild(box);
    }
    box.setAttribute("data-cite", cite);
    box.querySelector(".cite-text").textContent = "Cite as: " + cite;
    box.querySelector(".cite-status").textContent = "";  // (nothing is copied until Copy is pressed)
    place(box);
    box.querySelector(".cite-copy").focus({ preventScroll: true });
    if (box.classList.contains("cite-box-at")) box.scrollIntoView({ block: "nearest", behavior: "instant" });
    return box;
  }
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") close(); });
  function copy(box) {
    /* the button always says what it does ("Copy"); what happened is said beside it, once it has happened: the
       copy made, or, where the browser refuses it, the citation selected for the reader to copy */
    var text = box.getAttribute("data-cite"), status = box.querySelector(".cite-status");
    status.textContent = "";
    function refused() {
      if (!document.contains(box)) return;
      var range = document.createRange(), sel = window.getSelection();
      range.selectNodeContents(box.querySelector(".cite-text"));
      if (sel) { sel.removeAllRanges(); sel.addRange(range); }
      status.textContent = "Not copied: this browser did not allow it. The citation is selected; copy it with Ctrl+C (⌘C).";
    }
    try {
      navigator.clipboard.writeText(text).then(function () {
        if (document.contains(box) && box.getAttribute("data-cite") === text) status.textContent = "Copied to the clipboard.";
      }, refused);
    } catch (e) { refused(); }
  }
  function citeParagraph(para, n, from) {
    var page = pagesOf(para);
    show(reference() + ", ¶ " + n + (page ? " (" + page + ")" : "") + ", " + here(para.id), from);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a.pnum").forEach(function (link) {
      var para = document.getElementById(link.getAttribute("href").slice(1));
      if (!para) return;
      var n = link.textContent.trim();
      var b = document.createElement("button");
      b.type = "button"; b.className = "cite-p"; b.textContent = "cite";
      b.setAttribute("aria-label", "Cite ¶ " + n);
      b.addEventListener("click", function () { citeParagraph(para, n, b); });
      link.insertAdjacentElement("afterend", b);
      link.addEventListener("click", function () {
        citeParagraph(para, n, link);
        // the link's own move to its paragraph (#pN) follows this handler and takes focus from the box: given back,
        // and the box placed again at the number where the move has brought it
        var box = document.querySelector(".cite-box");
        setTimeout(function () {
          if (!document.contains(box)) return;
          place(box);
          box.querySelector(".cite-copy").focus({ preventScroll: true });
        }, 0);
      });
    });
    document.querySelectorAll(".cite-edition").forEach(function (b) {
      b.addEventListener("click", function () { show(reference() + ", " + here(""), b); });
    });
  });
})();

/* Proposing a correction: select words in the edition (any block: abstract, heading, paragraph,
   note); the selection is mapped to the witness's reading (W's readings for emendations,
   without the editors' additions), widened to whole words, and checked as the `edition`
   command checks it (proposals.locate: the text must occur exactly once in the block, or on
   the line, it names). The form writes a proposal file (YAML) and the equivalent command. No
   server: nothing leaves the reader's machine until the editor passes the file on. */
(function () {
  "use strict";
  var SKIP = ".app-pop, .app .rdg, .sic-mark, .app-note, .lacuna, .fragment, .pb, .pnum, .cite-p, .headerlink, " +
    ".bibtex-citation, .propose-button, aside.footnote > .label, .view-switch";
  var WORD = /[\p{L}\p{N}’'\-]/u;
  function blocksOf(page) { var e = window.EDITION || {}; return (e.blocks || {})[page] || null; }
  function siglum() { var e = window.EDITION || {}; return (e.citation || {}).siglum || "W"; }
  function allBlocks() {
    var e = window.EDITION || {}, out = {};
    Object.keys(e.blocks || {}).forEach(function (page) { Object.assign(out, e.blocks[page]); });
    return out;
  }
  function pageName() { var p = location.pathname.split("/").pop(); return p || "index.html"; }

  /* The block an element belongs to, and its anchor as the CLI names it. */
  function blockOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    if (!el) return null;
    var note = el.closest("aside.footnote");
    if (note) {
      var label = note.querySelector(".label");
      return label ? { el: note, anchor: "n" + label.textContent.replace(/\D/g, "") } : null;
    }
    var para = el.closest("p[id], blockquote[id]");
    if (para && /^p\d+$/.test(para.id)) return { el: para, anchor: para.id };
    var abs = el.closest("[id^='abstract']");
    if (abs && /^abstract\d*$/.test(abs.id)) return { el: abs, anchor: abs.id };
    var h = el.closest("h2, h3, h4, h5, h6");
    var article = el.closest("article");
    if (h && article) {
      var all = Array.prototype.slice.call(article.querySelectorAll("section h2, section h3, section h4, section h5, section h6"));
      return { el: h, anchor: "h" + (all.indexOf(h) + 1) };
    }
    return null;
  }

  /* The block's text as W has it, character by character, each with its place in the page. */
  function witnessChars(block) {
    var chars = [];
    function add(ch, node, offset, unit) {
      if (/\s/.test(ch)) {
        if (!chars.length || chars[chars.length - 1].ch === " ") return;
        ch = " ";
      }
      chars.push({ ch: ch, node: node, offset: offset, unit: unit });
    }
    function walk(node, unit) {
      if (node.nodeType === 3) {
        for (var i = 0; i < node.data.length; i++) add(node.data[i], node, i, unit);
        return;
      }
      if (node.nodeType !== 1) return;
      if (node.matches("a.footnote-reference")) {
        ("[^" + node.textContent.replace(/\D/g, "") + "]").split("").forEach(function (c) { add(c, node, 0, node); });
        return;
      }
      if (node.matches(SKIP)) return;
      var app = node.matches(".app") ? node : unit;
      for (var c = node.firstChild; c; c = c.nextSibling) {
        walk(c, app);
        if (c.nodeType === 1 && c.tagName === "P") add(" ", c, 0, null);
      }
    }
    walk(block, null);
    while (chars.length && chars[chars.length - 1].ch === " ") chars.pop();
    return chars;
  }
  function selected(chars, range) {
    var lo = -1, hi = -1;
    chars.forEach(function (c, i) {
      var inside;
      if (c.unit) inside = range.intersectsNode(c.unit); // a reading of W counts whole
      else if (c.node.nodeType === 3) {
        inside = range.comparePoint(c.node, c.offset) >= 0 && range.comparePoint(c.node, c.offset + 1) <= 0;
      } else inside = range.intersectsNode(c.node);
      if (inside && c.ch !== " ") { if (lo < 0) lo = i; hi = i + 1; }
    });
    if (lo < 0) return null;
    while (lo > 0 && WORD.test(chars[lo - 1].ch) && WORD.test(chars[lo].ch)) lo--;
    while (hi < chars.length && WORD.test(chars[hi].ch) && WORD.test(chars[hi - 1].ch)) hi++;
    return chars.slice(lo, hi).map(function (c) { return c.ch; }).join("");
  }

  /* proposals.locate, in the browser: the line of W where `witness` begins, found once in the
     block `where` (or on the line 'line N'); 0 if not found exactly once. */
  function hits(text, witness) {
    var found = [], i = 0;
    if (!witness) return found;
    while ((i = text.indexOf(witness, i)) >= 0) { found.push(i); i += witness.length; }
    return found;
  }
  function lineAt(lines, h) { var n = 0; lines.forEach(function (l) { if (l[1] <= h && l[0] > n) n = l[0]; }); return n; }
  function locate(blocks, where, witness) {
    where = String(where).trim();
    if (where.indexOf("note-") === 0) where = "n" + where.slice(5);
    var m = /^line (\d+)$/.exec(where), candidates, line = 0;
    if (m) {
      line = parseInt(m[1], 10);
      candidates = Object.keys(blocks).map(function (k) { return blocks[k]; })
        .filter(function (b) { return b.lines.some(function (l) { return l[0] === line; }); });
    } else if (Object.prototype.hasOwnProperty.call(blocks, where)) candidates = [blocks[where]];
    else return { line: 0, why: "there is no block “" + where + "” (a ¶ as ¶ 12 or p12, a note as n13, the abstract, a heading as h2, or a line as “line 42”)" };
    var counts = [];
    for (var k = 0; k < candidates.length; k++) {
      var b = candidates[k], found = hits(b.text, witness);
      if (line) found = found.filter(function (h) { return lineAt(b.lines, h) === line; });
      // a block without W's line marks (headings, today) is found, its line unknown here (-1)
      if (found.length === 1) return { line: b.lines.length ? lineAt(b.lines, found[0]) : -1, why: "" };
      counts.push(found.length);
    }
    var n = counts.reduce(function (a, b) { return a + b; }, 0);
    if (!witness) return { line: 0, why: "" };
    return { line: 0, why: n === 0 ? "“" + witness + "” is not in " + where + " as " + siglum() + " reads it"
      : "“" + witness + "” occurs " + n + " times in " + where + ": select more words, so that it occurs once" };
  }
  window.EDITION_LOCATE = locate; // for the tests, which compare it with the command's rule

  /* a ¶ as the site labels it ("¶ 3", "¶3") is the block p3, as the command names it */
  function blockName(where) {
    var m = /^¶\s*(\d+)$/.exec(String(where).trim());
    return m ? "p" + m[1] : String(where).trim();
  }
  function describe(where) { return /^p\d+$/.test(where) ? "¶ " + where.slice(1) : /^n\d+$/.test(where) ? "note " + where.slice(1) : where; }
  function offerProposal() {
    var old = document.querySelector(".propose-button"); if (old) old.remove();
    var sel = window.getSelection(); if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    var start = blockOf(range.startContainer), end = blockOf(range.endContainer);
    if (!start) return;
    var box = document.createElement("div");
    box.className = "propose-button";
    box.setAttribute("role", "status");
    var rect = range.getBoundingClientRect();
    box.style.top = (window.scrollY + rect.bottom + 6) + "px";
    box.style.left = (window.scrollX + Math.max(rect.left, 8)) + "px";
    if (!end || end.el !== start.el) {
      box.textContent = "Select words within one paragraph, heading or note to propose a correction.";
      document.body.appendChild(box); return;
    }
    var text = selected(witnessChars(start.el), range);
    if (!text || text.length > 200) return;
    var blocks = blocksOf(pageName());
    var verdict = blocks ? locate(blocks, start.anchor, text) : { line: 0, why: "" };
    if (blocks && !verdict.line) {
      box.textContent = verdict.why.replace(start.anchor, describe(start.anchor)) + ".";
      box.classList.add("propose-problem");
    } else {
      var a = document.createElement("a");
      a.textContent = "Propose a correction";
      a.href = (window.EDITION_PROPOSE_URL || "propose.html") + "?where=" + encodeURIComponent(start.anchor) + "&text=" + encodeURIComponent(text);
      a.title = siglum() + " reads “" + text + "” (" + describe(start.anchor) + (verdict.line > 0 ? ", line " + verdict.line : "") + ")";
      box.appendChild(a);
    }
    box.setAttribute("data-where", start.anchor); box.setAttribute("data-witness", text);
    document.body.appendChild(box);
  }
  /* A change to an entry already in the apparatus (edition propose --revise ID / --withdraw ID):
     every entry of the list of emendations offers it; the form, opened with ?entry=ID, then asks only
     for what may change (a new reading or certainty, or the withdrawal), the reason and the name. */
  var ENTRY_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;  // editorial/proposal.schema.json: revise, withdraw
  function offerChanges() {
    document.querySelectorAll("li.app-entry.app-revisable[id^='app-']").forEach(function (item) {
      var id = item.id.slice(4), words = item.querySelector(".app-lemma, .app-wit");
      var a = document.createElement("a");
      a.className = "app-propose";
      a.href = (window.EDITION_PROPOSE_URL || "propose.html") + "?entry=" + encodeURIComponent(id);
      a.textContent = "propose a change";
      a.setAttribute("aria-label", "propose a change to this entry" + (words ? " (" + words.textContent.trim() + ")" : ""));
      var para = item.querySelector("p") || item;
      para.appendChild(document.createTextNode(" ")); para.appendChild(a);
    });
  }
  function hide(el, yes) { el.hidden = yes; el.style.display = yes ? "none" : ""; }  // (the form's labels are inline-blocks)
  function changeMode(form, id) {
    form.classList.add("proposal-change-mode");
    ["where", "witness", "kind", "category"].forEach(function (name) {
      var field = form.elements[name]; field.required = false; field.disabled = true;
      hide(name === "kind" || name === "category" ? field.closest("label") : field.closest("p"), true);
    });
    var head = document.createElement("p");
    head.className = "proposal-change";
    head.innerHTML = 'You propose a change to the entry <a class="proposal-entry"></a> of the apparatus: ' +
      '<label>Change <select name="action"><option value="revise">revise it (a new reading or certainty)</option>' +
      '<option value="withdraw">withdraw it (the edition prints the witness’s reading)</option></select></label> ' +
      '<a class="proposal-new">(or propose a new correction)</a>';
    var link = head.querySelector(".proposal-entry"), from = document.referrer.split("#")[0];
    link.textContent = id;  // back to the entry in the list the reader came from
    if (from) link.href = from + "#app-" + encodeURIComponent(id);
    head.querySelector(".proposal-new").href = location.pathname.split("/").pop() || "propose.html";
    form.insertBefore(head, form.firstChild);
    var required = form.querySelector(".proposal-required");
    if (required) required.textContent = "The reason and your name are required; a revision needs a new reading or a new certainty.";
    form.reading.closest("label").firstChild.textContent = "New reading (leave it empty to keep the entry's) ";
    var keep = document.createElement("option"); keep.value = ""; keep.textContent = "(as it is)";
    form.certainty.insertBefore(keep, form.certainty.firstChild); form.certainty.value = "";
    function shown() {
      var withdraw = form.action.value === "withdraw";
      hide(form.reading.closest("p"), withdraw); hide(form.certainty.closest("label"), withdraw);
    }
    form.action.addEventListener("change", shown); shown();
    if (new URLSearchParams(window.location.search).get("action") === "withdraw") { form.action.value = "withdraw"; shown(); }
  }
  function verifyChange(form, quiet) {
    var check = document.getElementById("proposal-check");
    var idle = form.action.value === "revise" && !form.reading.value.trim() && !form.certainty.value;
    var why = idle ? "give a new reading or a new certainty, or withdraw the entry" : "";
    if (quiet) return !why;  // (on opening: nothing said until the reader submits)
    form.reading.setCustomValidity(why);
    if (check) { check.classList.toggle("problem", !!why); check.textContent = why ? "Not yet: " + why + "." : ""; }
    return !why;
  }
  function q(s) { return JSON.stringify(String(s)); } // a JSON string is a valid YAML scalar
  function shellQuote(s) { return "'" + String(s).replace(/'/g, "'\\''") + "'"; }
  document.addEventListener("DOMContentLoaded", function () {
    var article = document.querySelector("article[role=main]");
    if (article && blocksOf(pageName())) {
      article.addEventListener("mouseup", function () { setTimeout(offerProposal, 0); });
      article.addEventListener("keyup", function (ev) { if (ev.shiftKey) setTimeout(offerProposal, 0); });
    }
    offerChanges();
    var form = document.getElementById("proposal-form"); if (!form) return;
    var params = new URLSearchParams(window.location.search);
    if (params.get("where")) form.where.value = params.get("where");
    if (params.get("text")) form.witness.value = params.get("text");
    var change = ENTRY_ID.test(params.get("entry") || "") ? params.get("entry") : "";
    if (change) changeMode(form, change);
    var check = document.createElement("p");
    check.className = "proposal-check"; check.setAttribute("aria-live", "polite"); check.id = "proposal-check";
    form.witness.closest("p").insertAdjacentElement("afterend", check);
    // the check describes the two fields it checks, and marks the one it finds wrong (aria-invalid)
    [form.where, form.witness].forEach(function (field) {
      field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " proposal-check").trim());
    });
    function invalid(field, bad) { if (bad) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid"); }
    function verify(ev) {
      if (change) return verifyChange(form, ev === "quietly");
      var where = blockName(form.where.value), witness = form.witness.value.trim(); // (the words alone: the file holds them trimmed)
      if (!where || !witness || !window.EDITION) {
        check.textContent = ""; form.witness.setCustomValidity(""); invalid(form.where, false); invalid(form.witness, false); return true;
      }
      var v = locate(allBlocks(), where, witness);
      var noBlock = !v.line && v.why.indexOf("there is no block") === 0;
      invalid(form.where, noBlock); invalid(form.witness, !v.line && !noBlock);
      check.classList.toggle("problem", !v.line);
      check.textContent = v.line ? "Found once in " + describe(where) + (v.line > 0 ? " (line " + v.line + " of " + siglum() + ")." : ".") : "Not accepted: " + v.why + ".";
      form.witness.setCustomValidity(v.line ? "" : v.why);
      return !!v.line;
    }
    form.where.addEventListener("input", verify); form.witness.addEventListener("input", verify);
    if (change) {
      form.reading.addEventListener("input", verify);
      form.certainty.addEventListener("change", verify); form.action.addEventListener("change", verify);
    }
    verify("quietly");
    try { form.proposer.value = localStorage.getItem("edition-proposer") || ""; } catch (e) {}
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!verify()) { (change ? form.reading : form.witness).focus(); return; }
      var f = form, today = new Date().toISOString().slice(0, 10), fields;
      try { localStorage.setItem("edition-proposer", f.proposer.value); } catch (e) {}
      if (change) {  // only what changes: the place, W's words, kind and category are the entry's own
        var action = f.action.value;
        fields = [[action, change]];
        if (action === "revise" && f.reading.value.trim()) fields.push(["reading", f.reading.value.trim()]);
        if (action === "revise" && f.certainty.value) fields.push(["certainty", f.certainty.value]);
        fields.push(["rationale", f.rationale.value], ["proposer", f.proposer.value], ["date", today]);
      } else {
        fields = [["where", /^¶/.test(f.where.value.trim()) ? blockName(f.where.value) : f.where.value], ["witness", f.witness.value.trim()], ["reading", f.reading.value.trim()],
          ["kind", f.kind.value], ["category", f.category.value], ["certainty", f.certainty.value],
          ["rationale", f.rationale.value], ["proposer", f.proposer.value], ["date", today]];
      }
      var yaml = "# A proposal made with the edition's form. Import: edition propose proposal.yaml\n" +
        fields.map(function (kv) { return kv[0] + ": " + q(kv[1]); }).join("\n") + "\n";
      var cmd = "edition propose " + fields.filter(function (kv) { return kv[0] !== "date" && kv[0] !== "proposer"; })
        .map(function (kv) { return "--" + kv[0] + " " + shellQuote(kv[1]); }).join(" ") + " --by " + shellQuote(f.proposer.value);
      var out = document.querySelector(".proposal-output"); out.hidden = false;
      out.querySelector(".proposal-yaml").textContent = yaml;
      out.querySelector(".proposal-command").textContent = cmd;
      out.querySelector(".proposal-download").href = "data:text/yaml;charset=utf-8," + encodeURIComponent(yaml);
      out.querySelector(".proposal-done").focus();  // (read out: what to do with the proposal below)
    });
  });
})();
