"""Shared set-up of the import page tests: the APBD file's header, an uploaded file, a login."""

import io

HEADER = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "pagu"]


def upload(name, data):
    file = io.BytesIO(data)
    file.name = name
    return file


def login(client, user):
    client.force_login(user)
    return client
