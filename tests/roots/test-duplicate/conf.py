extensions = ["myst_parser", "apparatus"]
apparatus_responsible = {"EE": "E. Editor"}
