extensions = ["myst_parser", "sphinxcontrib.bibtex", "apparatus"]
bibtex_bibfiles = ["refs.bib"]
bibtex_cite_id = "bib-{key}"
bibtex_default_style = "chicago"
