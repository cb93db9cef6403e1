"""Browser-level checks (accessibility, HTML validity, layout) of the built site."""
