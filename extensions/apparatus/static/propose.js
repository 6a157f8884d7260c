/* Proposing a correction: select words in the edition, then fill in the form; the form
   writes a proposal file (YAML) and the equivalent `edition propose` command. No server:
   nothing leaves the reader's machine until the editor passes the file on. */
(function () {
  "use strict";
  function q(s) { return JSON.stringify(String(s)); } // a JSON string is a valid YAML scalar
  function shellQuote(s) { return "'" + String(s).replace(/'/g, "'\\''") + "'"; }
  function placeOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    var para = el && el.closest("[id^='p']");
    if (para && /^p\d+$/.test(para.id)) return para.id;
    var note = el && el.closest("aside.footnote");
    if (note) { var label = note.querySelector(".label"); if (label) return "n" + label.textContent.replace(/\D/g, ""); }
    return "";
  }
  function offerProposal() {
    var old = document.querySelector(".propose-button"); if (old) old.remove();
    var sel = window.getSelection(); if (!sel || sel.isCollapsed) return;
    var text = sel.toString().trim(); var where = placeOf(sel.anchorNode);
    if (!text || !where || text.length > 200) return;
    var rect = sel.getRangeAt(0).getBoundingClientRect();
    var a = document.createElement("a");
    a.className = "propose-button"; a.textContent = "Propose a correction";
    a.href = (window.EDITION_PROPOSE_URL || "propose.html") + "?where=" + encodeURIComponent(where) + "&text=" + encodeURIComponent(text);
    a.style.top = (window.scrollY + rect.bottom + 6) + "px"; a.style.left = (window.scrollX + rect.left) + "px";
    document.body.appendChild(a);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var article = document.querySelector("article[role=main]");
    if (article && document.querySelector("a.pnum")) article.addEventListener("mouseup", function () { setTimeout(offerProposal, 0); });
    var form = document.getElementById("proposal-form"); if (!form) return;
    var params = new URLSearchParams(window.location.search);
    if (params.get("where")) form.where.value = params.get("where");
    if (params.get("text")) form.witness.value = params.get("text");
    try { form.proposer.value = localStorage.getItem("edition-proposer") || ""; } catch (e) {}
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var f = form, today = new Date().toISOString().slice(0, 10);
      try { localStorage.setItem("edition-proposer", f.proposer.value); } catch (e) {}
      var fields = [["where", f.where.value], ["witness", f.witness.value], ["reading", f.reading.value],
        ["kind", f.kind.value], ["category", f.category.value], ["certainty", f.certainty.value],
        ["rationale", f.rationale.value], ["proposer", f.proposer.value], ["date", today]];
      var yaml = "# A proposal made with the edition's form. Import: edition propose proposal.yaml\n" +
        fields.map(function (kv) { return kv[0] + ": " + q(kv[1]); }).join("\n") + "\n";
      var cmd = "edition propose " + fields.filter(function (kv) { return kv[0] !== "date" && kv[0] !== "proposer"; })
        .map(function (kv) { return "--" + kv[0] + " " + shellQuote(kv[1]); }).join(" ") + " --by " + shellQuote(f.proposer.value);
      var out = document.querySelector(".proposal-output"); out.hidden = false;
      out.querySelector(".proposal-yaml").textContent = yaml;
      out.querySelector(".proposal-command").textContent = cmd;
      out.querySelector(".proposal-download").href = "data:text/yaml;charset=utf-8," + encodeURIComponent(yaml);
    });
  });
})();
