"""Model: parsed sources → the documents of the site, gathered before anything is rendered."""
