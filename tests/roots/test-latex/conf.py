# No LaTeX preamble: the extension brings its own package (apparatus.sty).
extensions = ["myst_parser", "apparatus"]
project = "A Test"
latex_engine = "xelatex"
latex_documents = [("index", "test.tex", "A Test", "A. Author", "howto")]
apparatus_siglum = "M"
latex_elements = {"fontpkg": ""}  # Latin Modern, which every TeX Live has (Sphinx's default is FreeSerif)
