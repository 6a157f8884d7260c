import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the root's own extension module

extensions = ["myst_parser", "apparatus", "damage_role"]
