"""The views of the realisasi app, one module per part of the work."""
