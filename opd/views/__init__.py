"""The views of the opd app, one module per part of the work."""
