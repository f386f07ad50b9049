"""THE permission layer. Views use `access_*` fetchers and `visible_*` querysets; nothing else decides."""
