"""Pages of the care route, one module per area (signals, worklists, group review, the case page)."""
