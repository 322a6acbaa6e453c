"""The REST API, version 1 (/api/v1/, issue 22): the figures of the pages as JSON, and an OPD's
monthly report written through realisasi.workflow, the same door as the form.

Who sees what is asked of the same functions the pages ask (Opd.objects.visible_to,
realisasi.permissions); the figures are the objects of reports.figures written by
reports.records.figures_record, the records of the `rekap` command.
"""
