"""Routes, one module per noun; each holds the noun's HTML pages and its JSON API."""
