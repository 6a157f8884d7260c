extensions = ["myst_parser", "apparatus"]
edition_metadata = {"title": "A Test", "author": "A. Author", "editors": ["E. Editor"], "edition_date": "2026-01-01"}
