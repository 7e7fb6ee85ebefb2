"""The grammar of MT party fields (options A, B, C, D, F, G, H, K, L and 59 without letter).

Each option says which lines hold what: an optional `/account` or `//clearing code`
line, then a BIC (A, G, 50C), a location (B), name and address lines (D, H, K, 59) or
numbered lines (F: `1/` name, `2/` address, `3/` country and town, `4/`–`8/` birth
date and place, identifiers). A line that does not fit its option is a warning on
the message, never skipped quietly: a screen holds what it could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interdict.entities.country import country_code
from interdict.payments.model import FieldText

#: ISO 9362 (2014) as the ISO 20022 schemas write it: the party prefix may hold digits.
BIC_PATTERN = re.compile(r"[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
#: 50F's party identifier when it is a code: type / country / identifier.
_F_CODE = re.compile(r"(ARNU|CCPT|CUST|DRLC|EMPL|NIDN|SOSE|TXID)/([A-Z]{2})/(.+)")
_F_LINE = re.compile(r"([1-8])/(.*)")
#: 50F lines that only a natural person has: birth date, birth place, national id.
_PERSON_LINES = frozenset("457")


@dataclass
class PartyFields:
    """What one party field holds, with the paths of its values; `warnings` for the rest."""

    name: FieldText | None = None
    bic: FieldText | None = None
    account: FieldText | None = None
    address: list[FieldText] = field(default_factory=list)
    country: FieldText | None = None
    identifiers: list[FieldText] = field(default_factory=list)
    is_person: bool = False
    warnings: list[FieldText] = field(default_factory=list)


def is_bic(text: str) -> bool:
    return BIC_PATTERN.fullmatch(text) is not None


def read_party(tag: str, lines: tuple[str, ...], path: str) -> PartyFields:
    """Read party field `tag` ("59F", "52A", "59") with `lines`; `path` names the field."""
    option = tag[2:]
    found = PartyFields()
    rest = _account_line(lines, path, found, option)
    if option in ("A", "G") or tag == "50C":
        _bic_lines(rest, path, found)
    elif option in ("", "D", "H", "K"):
        _name_lines(rest, path, found)
    elif option == "F":
        _numbered_lines(rest, path, found)
    elif option == "B":
        found.address += [FieldText(_at(path, n), v) for n, v in rest if v.strip()]
    elif option == "C":  # 56C, 57C: the account line only
        found.warnings += [FieldText(_at(path, n), f"unexpected line {v!r}") for n, v in rest]
    elif option == "L":
        found.identifiers += [FieldText(_at(path, n), v) for n, v in rest if v.strip()]
    else:
        found.warnings.append(FieldText(path, f"option {option!r} is not a party option"))
    return found


def _at(path: str, line: int) -> str:
    return f"{path} line {line}"


def _account_line(
    lines: tuple[str, ...], path: str, found: PartyFields, option: str
) -> list[tuple[int, str]]:
    """Take the leading `/account` or party identifier line; return the other lines."""
    numbered = list(enumerate(lines, start=1))
    if not numbered:
        found.warnings.append(FieldText(path, "empty party field"))
        return []
    first = numbered[0][1].strip()
    if first.startswith("/"):
        found.account = FieldText(_at(path, 1), first.lstrip("/"))
        return numbered[1:]
    code = _F_CODE.fullmatch(first) if option == "F" else None
    if code is not None:
        found.identifiers.append(FieldText(_at(path, 1), first))
        found.is_person = code.group(1) in ("CCPT", "DRLC", "NIDN", "SOSE")
        return numbered[1:]
    return numbered


def _bic_lines(rest: list[tuple[int, str]], path: str, found: PartyFields) -> None:
    values = [(n, v.strip()) for n, v in rest if v.strip()]
    if len(values) != 1 or not is_bic(values[0][1]):
        shown = " / ".join(v for _, v in values) or "nothing"
        found.warnings.append(FieldText(path, f"expected one BIC line, got {shown!r}"))
        return
    found.bic = FieldText(_at(path, values[0][0]), values[0][1])


def _name_lines(rest: list[tuple[int, str]], path: str, found: PartyFields) -> None:
    values = [(n, v.strip()) for n, v in rest if v.strip()]
    if not values:
        found.warnings.append(FieldText(path, "no name line"))
        return
    found.name = FieldText(_at(path, values[0][0]), values[0][1])
    found.address += [FieldText(_at(path, n), v) for n, v in values[1:]]


def _numbered_lines(rest: list[tuple[int, str]], path: str, found: PartyFields) -> None:
    """Option F: `1/` name (repeatable), `2/` address, `3/CC/town`, `4/`–`8/` details."""
    names: list[tuple[int, str]] = []
    for number, line in rest:
        parsed = _F_LINE.fullmatch(line.strip())
        if parsed is None:
            found.warnings.append(FieldText(_at(path, number), f"not a numbered line: {line!r}"))
            continue
        code, value = parsed.groups()
        if code == "1":
            names.append((number, value.strip()))
        elif code == "2":
            found.address.append(FieldText(_at(path, number), value.strip()))
        elif code == "3":
            _country_town(number, value, path, found)
        else:
            found.identifiers.append(FieldText(_at(path, number), f"{code}/{value}"))
            found.is_person = found.is_person or code in _PERSON_LINES
    if names:
        found.name = FieldText(_at(path, names[0][0]), " ".join(v for _, v in names))
    else:
        found.warnings.append(FieldText(path, "option F without a 1/ name line"))


def _country_town(number: int, value: str, path: str, found: PartyFields) -> None:
    code, _, town = value.partition("/")
    if len(code) != 2 or country_code(code) is None:
        found.warnings.append(
            FieldText(_at(path, number), f"3/ must start with a country code: {value!r}")
        )
        return
    found.country = FieldText(_at(path, number), code.upper())
    if town.strip():
        found.address.append(FieldText(_at(path, number), town.strip()))
