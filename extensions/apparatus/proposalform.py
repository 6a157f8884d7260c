"""``{proposal-form}``: a form that writes a proposal file for ``edition propose FILE``.

HTML only (static/propose.js fills it in); text says in a sentence where it is; print leaves it
out (footentries.NotInPrint), its page says so in an ``{only}`` block.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.text import TextTranslator

from . import vocabulary
from .footentries import NotInPrint


class proposal_form(nodes.General, NotInPrint):
    """The editors' form for proposing a correction."""


class ProposalFormDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [proposal_form()]


FORM = """
  <p class="proposal-required">Every field is required, but “Read instead”.</p>
  <p><label>Where <input name="where" required placeholder="p12, n13, or line 42" aria-describedby="proposal-hint-where"></label>
     <span class="hint" id="proposal-hint-where">the paragraph (as ¶ 12 or p12), the author's note (as n13) or the line of the witness (as line 42)</span></p>
  <p><label>The witness reads <input name="witness" required aria-describedby="proposal-hint-witness"></label>
     <span class="hint" id="proposal-hint-witness">exactly as the diplomatic view shows it; it must occur once there</span></p>
  <p><label>Read instead (optional) <input name="reading"></label></p>
  <p><label>Kind <select name="kind"><option value="emendation">emendation (correct the text)</option>
     <option value="sic">sic (keep, but flag as doubtful)</option></select></label>
     <label>Category <select name="category">CATEGORIES</select></label>
     <label>Certainty <select name="certainty">CERTAINTIES</select></label></p>
  <p><label>Reason <textarea name="rationale" required rows="3"></textarea></label></p>
  <p><label>Your name <input name="proposer" required autocomplete="name"></label></p>
  <p><button type="submit">Make the proposal</button></p>
</form>
<div class="proposal-output" hidden>
  <p class="proposal-done" tabindex="-1">Save this as a file and give it to the editors, or run the command below in the edition's folder.
     Another editor reviews it (<code>edition accept</code> or <code>edition reject</code>).</p>
  <pre class="proposal-yaml"></pre>
  <p><a class="proposal-download" download="proposal.yaml" href="#">Download proposal.yaml</a></p>
  <pre class="proposal-command"></pre>
</div>
"""


def visit_proposal_form_html(self: HTML5Translator, node: proposal_form) -> None:
    categories = "".join(
        f'<option value="{c}">{c}: {self.encode(gloss)}</option>' for c, gloss in vocabulary.CATEGORY_GLOSSES.items()
    )
    certainties = "".join(
        f"<option{' selected' if c == 'probable' else ''}>{c}</option>" for c in vocabulary.CERTAINTIES
    )
    self.body.append(
        "\n" + self.starttag(node, "form", "", CLASS="proposal-form", ids=["proposal-form"], autocomplete="on")
    )
    self.body.append(FORM.replace("CATEGORIES", categories).replace("CERTAINTIES", certainties))
    raise nodes.SkipNode


def visit_proposal_form_text(self: TextTranslator, node: proposal_form) -> None:
    self.add_text("(The form for proposing a correction is in the HTML edition.)")
    raise nodes.SkipNode


def setup_proposalform(app: Sphinx) -> None:
    app.add_node(
        proposal_form,
        html=(visit_proposal_form_html, None),
        text=(visit_proposal_form_text, None),
    )
    app.add_directive("proposal-form", ProposalFormDirective)
