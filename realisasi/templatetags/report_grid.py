"""`{% report_group group %}`: one kegiatan and its budget lines on the monthly report page.

The page is the operators' whole day and shows 100 to 150 lines of some forty values each
(figures, inputs and their errors, the kendala fields). Through the template engine a line
took 0.65 ms of CPU, 150 lines two thirds of the page's rendering; written here it takes
0.2 ms, most of it the Rupiah and percent formats. The HTML is the one the template wrote,
with its escaping and number formats: `conditional_escape` of every value, `localize` as
`{{ }}` does, `|unlocalize` for the data attributes, the `|rupiah` and `|persen` formats of
opd/formatting.py, `|join:" "` for errors.

What a line shows (its state, which notes are open) is decided by realisasi/report_rows.py;
this module only writes it. static/js/report.js and static/css/report.css read the markup.
"""

import html
from dataclasses import dataclass, field
from decimal import Decimal

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from opd.formatting import format_persen, format_rupiah

register = template.Library()

# The words every kegiatan and line repeats, translated once per page.
LABELS = {
    "program": _("Program"),
    "kegiatan": _("Kegiatan"),
    "toggle": _("Buka/tutup"),
    "subtotal": _("Subtotal"),
    "alasan_label": _("Alasan koreksi (angka lebih rendah dari bulan lalu)"),
    "alasan": _("Alasan koreksi"),
    "mine": _("Baris saya"),
    "empty": _("Belum diisi"),
    "kategori": _("Kategori kendala"),
    "notes": _("Kendala dan solusi"),
    "kendala": _("Kendala"),
    "pptk": _("PPTK"),
    "pihak": _("Pihak yang diharapkan membantu"),
    "keu_cum": _("Realisasi keuangan kumulatif (Rp)"),
    "fisik_cum": _("Realisasi fisik kumulatif (%)"),
    "konfirmasi": _("Saya konfirmasi angka lebih rendah dari bulan lalu"),
    "solusi": _("Solusi"),
    "saved": _("Tersimpan"),
    "fisik": _("fisik"),
    "required": _("wajib sebelum dikirim"),
    "choose": _("– pilih kategori –"),
    "dev_fisik": _("Deviasi fisik"),
    "dev_keu": _("Deviasi keuangan"),
    "pagu": _("Pagu (Rp)"),
    "keu": _("Realisasi keuangan (Rp)"),
    "fisik_pct": _("Realisasi fisik (%)"),
    "prev": _("Realisasi s.d. bulan lalu"),
    "target_keu": _("Target keuangan"),
    "target_fisik": _("Target fisik (%)"),
}


def _escape(value) -> str:
    """conditional_escape() without its wrapper for lazy strings, which doubled the cost of
    the some 80 values of each line."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _text(value) -> str:
    """`{{ value }}`: localized, then escaped."""
    if type(value) is str:
        return html.escape(value)
    return _escape(localize(value))


def _raw(value) -> str:
    """`{{ value|unlocalize }}`: a data attribute read by the script. A Decimal is written in
    fixed point, as |unlocalize writes any below 200 digits (the report's have at most 33)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return _escape(localize(value, use_l10n=False))


def _value(value) -> str:
    """`{{ value|default_if_none:"" }}`: an input's value."""
    return "" if value is None else _text(value)


def _errors(errors) -> str:
    """`{{ errors|join:" " }}`."""
    return " ".join(_escape(message) for message in errors)


def _rupiah(value) -> str:
    return html.escape(format_rupiah(value))


def _persen(value) -> str:
    return html.escape(format_persen(value))


def _neg(value) -> str:
    """` neg` on a negative deviation (none on a missing one)."""
    return " neg" if value is not None and value < 0 else ""


def _invalid(bound) -> str:
    return ' aria-invalid="true"' if bound["errors"] else ""


def _error_list(bound) -> str:
    if not bound["errors"]:
        return ""
    return f'<div class="errorlist">{_errors(bound["errors"])}</div>'


@dataclass
class _Page:
    """What every line of one page shares: the labels, the threshold, the category options
    and whether the page compares with the figures stored now."""

    t: dict[str, str]
    threshold: str
    stale: bool
    category_options: list
    _options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, context) -> "_Page":
        """The page being rendered (built at its first group, kept for the others)."""
        page = context.render_context.get(cls)
        if page is None:
            page = cls(
                t={key: _escape(label) for key, label in LABELS.items()},
                threshold=_raw(context.get("kendala_threshold")),
                stale=bool(context.get("stale")),
                category_options=list(context.get("category_options") or ()),
            )
            context.render_context[cls] = page
        return page

    def options(self, selected: str) -> str:
        """The kendala category <option>s with `selected` chosen, written once per value."""
        written = self._options.get(selected)
        if written is None:
            written = f'<option value="">{self.t["choose"]}</option>' + "".join(
                f'<option value="{_text(value)}"{" selected" if value == selected else ""}>'
                f"{_text(nama)}</option>"
                for value, nama in self.category_options
            )
            self._options[selected] = written
        return written


@register.simple_tag(takes_context=True)
def report_group(context, group) -> SafeString:
    """One kegiatan (a report_rows.KegiatanGroup): its program's heading when it is the
    program's first, its own heading with the subtotal, then each line in its own <tbody>."""
    page = _Page.of(context)
    t, kegiatan, pk = page.t, group.kegiatan, _raw(group.kegiatan.pk)
    program = ""
    if group.first_of_program:
        program = (
            f'<tbody class="program"><tr><th colspan="9" scope="rowgroup">{t["program"]} '
            f"{_text(group.program.kode)} {_text(group.program.nama)}</th></tr></tbody>"
        )
    count = len(group.rows)
    lines = ngettext("%(n)s baris", "%(n)s baris", count) % {"n": _text(count)}
    heading = (
        f'    <tbody class="kegiatan" id="kegiatan-{pk}">\n'
        "      <tr>\n"
        f'        <th colspan="5" scope="rowgroup"><button type="button" class="toggle" '
        f'aria-expanded="true" aria-controls="kegiatan-{pk}" data-kegiatan="{pk}" hidden>'
        f'<span class="visually-hidden">{t["toggle"]}</span></button>\n'
        f"          {t['kegiatan']} {_text(kegiatan.kode)} {_text(kegiatan.nama)} "
        f'<span class="muted">({lines})</span></th>\n'
        f'        <td colspan="2" class="num subtotal"><span class="label-sm">{t["subtotal"]}'
        f"</span> {_rupiah(group.real_rp)} / {_rupiah(group.pagu)} · "
        f"{_persen(group.real_keu_persen)} %</td>\n"
    )
    for value, label in ((group.deviasi_keu, t["dev_keu"]), (group.deviasi_fisik, t["dev_fisik"])):
        heading += (
            f'        <td class="num subtotal{_neg(value)}" data-label="{label}">'
            f"{_persen(value)}</td>\n"
        )
    heading += "      </tr>\n    </tbody>\n"
    rows = "".join(_line(row, pk, page) for row in group.rows)
    return mark_safe(f"\n    {program}\n{heading}    {rows}\n    ")


def _line(row, kegiatan: str, page: _Page) -> str:
    line, pk = row.line, _raw(row.line.pk)
    classes = (
        ("" if row.saved else " line-empty")
        + (" mine" if row.mine else "")
        + (" has-errors" if row.has_errors else "")
    )
    flags = (
        (" data-perlu" if row.kendala_missing else "")
        + ("" if row.saved else " data-kosong")
        + (" data-masalah" if row.has_errors else "")
        + (" data-saya" if row.mine else "")
    )
    if row.fields:
        inputs, notes = _inputs(row, page), _notes(row, pk, page)
    else:
        inputs = _read_only_figures(row, page)
        notes = _read_only_notes(row, page) if row.show_notes or row.show_correction else ""
    return (
        f'\n<tbody class="line{classes}" id="baris-{pk}"\n'
        f'  data-kegiatan="{kegiatan}"{flags}\n'
        f'  data-pagu="{_raw(line.pagu_m)}" data-target-rp="{_raw(line.target_rp)}"\n'
        f'  data-target-fisik="{_raw(line.target_fisik)}" data-real-rp="{_raw(line.real_rp)}"\n'
        f'  data-real-fisik="{_raw(line.real_fisik)}" data-prev-rp="{_raw(line.prev_rp)}"\n'
        f'  data-prev-fisik="{_raw(line.prev_fisik)}" data-threshold="{page.threshold}">\n'
        "  <tr>\n"
        f"{_name(row, pk, page)}{_figures(row, page)}    {inputs}\n"
        f'    <td class="num dev-keu{_neg(row.deviasi_keu)}" data-label="{page.t["dev_keu"]}">'
        f"{_persen(row.deviasi_keu)}</td>\n"
        f'    <td class="num dev-fisik{_neg(row.deviasi_fisik)}" '
        f'data-label="{page.t["dev_fisik"]}">{_persen(row.deviasi_fisik)}</td>\n'
        "  </tr>\n"
        f"  {notes}\n"
        "</tbody>\n\n"
    )


def _name(row, pk: str, page: _Page) -> str:
    """The sub-kegiatan, its funding source and PPTK, the badges, the notes button."""
    line, t = row.line, page.t
    muted = _text(line.sumber_dana.nama)
    if line.pptk:
        muted += f" · {t['pptk']}: {_text(line.pptk.display_name())}"
    if row.mine:
        muted += f' · <span class="badge mine-badge">{t["mine"]}</span>'
    if not row.saved:
        muted += f' · <span class="badge status-belum_input">{t["empty"]}</span>'
    button = ""
    if row.fields:
        expanded = "true" if row.show_notes else "false"
        button = (
            f'<button type="button" class="link notes-toggle" aria-expanded="{expanded}" '
            f'aria-controls="catatan-{pk}" hidden>{t["notes"]}</button>'
        )
    return (
        f'    <th scope="row" class="col-name"><span class="line-no">{_text(row.number)}.</span> '
        f'<span class="kode">{_text(line.sub_kegiatan.kode)}</span> '
        f"{_text(line.sub_kegiatan.nama)}\n"
        f'      <div class="muted">{muted}</div>\n'
        f"      {button}</th>\n"
    )


def _figures(row, page: _Page) -> str:
    """Pagu, target keuangan and fisik, and last month's figures."""
    line, t = row.line, page.t
    return (
        f'    <td class="num" data-label="{t["pagu"]}">{_rupiah(line.pagu_m)}</td>\n'
        f'    <td class="num" data-label="{t["target_keu"]}">{_rupiah(line.target_rp)}'
        f'<div class="muted">{_persen(row.target_keu_persen)} %</div></td>\n'
        f'    <td class="num" data-label="{t["target_fisik"]}">{_persen(line.target_fisik)}</td>\n'
        f'    <td class="num" data-label="{t["prev"]}">{_rupiah(line.prev_rp)}'
        f'<div class="muted">{t["fisik"]} {_persen(line.prev_fisik)} %</div></td>\n'
    )


def _inputs(row, page: _Page) -> str:
    """The keuangan and fisik inputs of an editable line, with their errors, and the figures
    stored now when the page compares with them (a stale page, a conflict on the line)."""
    t, fields, saved = page.t, row.fields, row.saved
    compare = bool(saved) and (page.stale or row.conflict)
    asal = fields["asal"]
    token = (
        f'<input type="hidden" name="{_text(asal["html_name"])}" value="{_value(asal["value"])}">'
    )
    keu = _figure_input(row, fields["keu"], "in-keu", t["keu"], t["keu_cum"], token)
    fisik = _figure_input(row, fields["fisik"], "in-fisik", t["fisik_pct"], t["fisik_cum"], "")
    if compare:
        keu += (
            f'<div class="muted saved-now">{t["saved"]}: {_rupiah(saved.realisasi_keuangan)}</div>'
        )
        fisik += (
            f'<div class="muted saved-now">{t["saved"]}: {_persen(saved.realisasi_fisik)} %</div>'
        )
    return f"\n{keu}</td>\n{fisik}</td>\n    "


def _figure_input(row, bound, css: str, label: str, wide_label: str, after_input: str) -> str:
    auto_id = _text(bound["auto_id"])
    invalid = error = ""
    if bound["errors"]:
        invalid = f' aria-invalid="true" aria-describedby="{auto_id}-err"'
        error = f'<div class="errorlist" id="{auto_id}-err">{_errors(bound["errors"])}</div>'
    return (
        f'    <td class="in" data-label="{label}"><label class="visually-hidden" '
        f'for="{_text(bound["id_for_label"])}">{wide_label} {_text(row.line.sub_kegiatan.kode)}'
        f'</label><input type="text" inputmode="decimal" class="{css}" '
        f'name="{_text(bound["html_name"])}" id="{auto_id}" value="{_value(bound["value"])}"'
        f"{invalid}>{after_input}{error}"
    )


def _read_only_figures(row, page: _Page) -> str:
    t, saved = page.t, row.saved
    keu = _rupiah(saved.realisasi_keuangan) if saved else "–"
    fisik = _persen(saved.realisasi_fisik) if saved else "–"
    return (
        f'\n    <td class="num" data-label="{t["keu"]}">{keu}</td>\n'
        f'    <td class="num" data-label="{t["fisik_pct"]}">{fisik}</td>\n    '
    )


def _textarea(bound, rows: int) -> str:
    return (
        f'<textarea name="{_text(bound["html_name"])}" id="{_text(bound["auto_id"])}" '
        f'rows="{rows}"{_invalid(bound)}>{_value(bound["value"])}</textarea>{_error_list(bound)}'
    )


def _notes(row, pk: str, page: _Page) -> str:
    """Kendala (with its category), solusi and pihak; the correction reason and its
    confirmation. Collapsed unless report_rows says they show."""
    t, f, kode = page.t, row.fields, _text(row.line.sub_kegiatan.kode)
    required = (
        f' <span class="badge lampu-merah">{t["required"]}</span>' if row.needs_kendala else ""
    )
    kategori = f["kategori"]
    notes_class = "" if row.show_notes else " collapsed"
    correction_class = "" if row.show_correction else " collapsed"
    checked = " checked" if f["konfirmasi"]["value"] else ""
    return (
        f'\n  <tr class="notes{notes_class}" id="catatan-{pk}">\n'
        f'    <td colspan="3"><label for="{_text(f["kendala"]["id_for_label"])}">{t["kendala"]}'
        f'{required}</label><label class="visually-hidden" for="{_text(kategori["auto_id"])}">'
        f'{t["kategori"]} {kode}</label><select name="{_text(kategori["html_name"])}" '
        f'id="{_text(kategori["auto_id"])}" class="in-kategori"{_invalid(kategori)}>'
        f"{page.options(row.kategori_value)}</select>{_error_list(kategori)}"
        f"{_textarea(f['kendala'], 2)}</td>\n"
        f'    <td colspan="3"><label for="{_text(f["solusi"]["id_for_label"])}">{t["solusi"]}'
        f"</label>{_textarea(f['solusi'], 2)}</td>\n"
        f'    <td colspan="3"><label for="{_text(f["pihak"]["id_for_label"])}">{t["pihak"]}'
        f"</label>{_textarea(f['pihak'], 2)}</td>\n"
        "  </tr>\n"
        f'  <tr class="koreksi{correction_class}">\n'
        f'    <td colspan="5"><label for="{_text(f["alasan"]["id_for_label"])}">'
        f"{t['alasan_label']}</label>{_textarea(f['alasan'], 1)}</td>\n"
        f'    <td colspan="4"><label class="check"><input type="checkbox" '
        f'name="{_text(f["konfirmasi"]["html_name"])}" id="{_text(f["konfirmasi"]["auto_id"])}"'
        f"{checked}> {t['konfirmasi']}</label></td>\n"
        "  </tr>\n  "
    )


def _read_only_notes(row, page: _Page) -> str:
    """What was saved for a line the user may not edit (a row may have none yet)."""
    t, saved = page.t, row.saved
    kategori = kendala = solusi = pihak = alasan = ""
    if saved is not None:
        if saved.kategori_kendala_id:
            kategori = f'<span class="badge">{_text(saved.kategori_kendala)}</span> '
        kendala, solusi, pihak = saved.kendala, saved.solusi, saved.pihak_terkait
        if saved.alasan_koreksi:
            alasan = (
                f'<div><span class="muted">{t["alasan"]}:</span> '
                f"{_text(saved.alasan_koreksi)}</div>"
            )
    return (
        '\n  <tr class="notes">\n'
        f'    <td colspan="3"><span class="muted">{t["kendala"]}:</span> {kategori}'
        f"{_text(kendala or '–')}</td>\n"
        f'    <td colspan="3"><span class="muted">{t["solusi"]}:</span> '
        f"{_text(solusi or '–')}</td>\n"
        f'    <td colspan="3"><span class="muted">{t["pihak"]}:</span> {_text(pihak or "–")}'
        f"{alasan}</td>\n"
        "  </tr>\n  "
    )
