"""The views of the rakor app, one module per part of the work."""
