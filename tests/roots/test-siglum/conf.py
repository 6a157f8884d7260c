extensions = ["myst_parser", "apparatus"]
apparatus_siglum = "V"
apparatus_responsible = {"AB": "A. Bee", "CD": "C. Dee"}
apparatus_resp = "AB"
