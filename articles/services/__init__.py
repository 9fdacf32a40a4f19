"""Services of the articles app: ingest, re-extraction and export, callable from anywhere."""
