extensions = ["myst_parser", "apparatus"]
