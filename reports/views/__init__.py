"""The views of the reports app, one module per part of the work."""
