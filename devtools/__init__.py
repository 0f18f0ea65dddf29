"""Developer tools (screenshots, translations): run from a source checkout, never shipped."""
