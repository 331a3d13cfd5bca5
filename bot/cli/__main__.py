"""`python -m bot.cli`: the same as the `prepbot` command."""

from bot.cli import main

main()
