"""`python3 -m analysis report|export OUT.h5 -o DIR` (see analysis/cli.py)."""
import sys

from .cli import main

sys.exit(main())
