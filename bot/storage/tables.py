"""Practice tables (owned by the practice/storage work)."""
