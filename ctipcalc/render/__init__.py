"""Stage 4 — render results: terminal tables, JSON/CSV, the Excel report."""
