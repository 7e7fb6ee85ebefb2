"""List-entry fields on the alert page read as text, in the list's own wording."""

from __future__ import annotations

from interdict.web.rendering import TEMPLATES, field_text


def test_dates_documents_and_lists_read_as_text() -> None:
    assert field_text([{"start": "1984", "end": "1986", "text": "1984 to 1986"}]) == "1984 to 1986"
    document = {"kind": "passport", "number": "1084010", "country": "eg", "note": ""}
    assert field_text([document, {"kind": "passport", "number": "19820215"}]) == (
        "passport 1084010 (eg); passport 19820215"
    )
    assert field_text(["eg", "iq"]) == "eg; iq"
    assert field_text("Al-Qaida") == "Al-Qaida"


def test_the_text_is_still_escaped_in_the_page() -> None:
    page = TEMPLATES.from_string("<td>{{ value|field_text }}</td>")
    assert page.render(value=["<script>x</script>"]) == "<td>&lt;script&gt;x&lt;/script&gt;</td>"
