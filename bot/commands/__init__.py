"""The `prepbot` sub-commands, one module per command family."""
