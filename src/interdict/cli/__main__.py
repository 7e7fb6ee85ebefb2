"""`python -m interdict.cli` runs the same entry point as the `interdict` script."""

from interdict.cli.app import main

main()
