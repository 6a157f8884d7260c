extensions = ["myst_parser", "apparatus"]
latex_documents = [("index", "test.tex", "A book", "An author", "howto")]
