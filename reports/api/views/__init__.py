"""The API's views: `figures` reads the pages' figures, `report` reads and writes an OPD's
monthly report through the same door as the form."""
