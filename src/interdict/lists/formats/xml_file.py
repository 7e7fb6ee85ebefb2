"""An XML list file being read, so every XML parser fails and reports the same way.

List files come from the internet and are sometimes cut short or mangled in transit.
The parser here refuses entities, network access and oversized trees (XML bombs), and
turns every syntax or encoding fault into a `ListFormatError` naming file and line; a
file that does not end with its root's closing element is a `ListTruncatedError`.
`XmlRecord` carries one record's context, so a parser can name the exact element of a
fault, and keep free text it cannot structure in `Entity.extra` while reporting it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from interdict.errors import ListFormatError, ListTruncatedError
from interdict.lists.source import ImportIssue, IssueKind

# Sniffing reads no further than this: the root element comes right after the prolog.
SNIFF_BYTES = 4096
_PROLOG = rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"


def root_pattern(root_tag: str, *, contains: str = "") -> re.Pattern[bytes]:
    """A pattern for the start of a file whose root element is `root_tag`."""
    tail = rb"[^>]*" + re.escape(contains.encode()) if contains else b""
    return re.compile(_PROLOG + rb"<" + re.escape(root_tag.encode()) + rb"[\s>/]" + tail, re.S)


def starts_with(paths: Sequence[Path], pattern: re.Pattern[bytes]) -> bool:
    """Whether the single file given starts like `pattern`; unreadable files do not."""
    if len(paths) != 1:
        return False
    try:
        with paths[0].open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return pattern.match(head) is not None


def single_path(paths: Sequence[Path], format_name: str) -> Path:
    """The one file an XML format is read from; several files are a caller's mistake."""
    if len(paths) != 1:
        names = ", ".join(str(p) for p in paths) or "no file"
        raise ListFormatError(names, f"the {format_name} format reads exactly one file")
    return paths[0]


def text(element: etree._Element, path: str) -> str:
    """The whitespace-normalised text of the first `path` under `element`, or ""."""
    return " ".join((element.findtext(path) or "").split())


def texts(element: etree._Element, path: str) -> tuple[str, ...]:
    """Every non-empty normalised text at `path`, in file order."""
    values = (" ".join((found.text or "").split()) for found in element.iterfind(path))
    return tuple(value for value in values if value)


def closes_root(data: bytes, root_tag: str) -> bool:
    """Whether `data` ends with the closing tag of its root element (then comments, spaces).

    A list file cut in transit loses its end first, so a file that does not close its
    root element was cut short, whatever else is wrong with it.
    """
    local = re.escape(root_tag.rsplit("}", 1)[-1].encode())
    closing = rb"</(?:[\w.-]+:)?" + local + rb"\s*>(?:\s*<!--.*?-->)*\s*\Z"
    return re.search(closing, data[-SNIFF_BYTES:], re.S) is not None


def _cut_short(
    path: Path, data: bytes, root_tag: str, exc: etree.XMLSyntaxError
) -> ListTruncatedError:
    local = root_tag.rsplit("}", 1)[-1]
    return ListTruncatedError(
        path,
        f"the file ends after {len(data):,} bytes without its closing </{local}> element: "
        "cut short (a truncated download?)",
        line=exc.lineno,
    )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )


@dataclass
class XmlListFile:
    """A parsed XML list file and the issues found while reading its records."""

    path: Path
    root: etree._Element
    issues: list[ImportIssue] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path, root_tag: str) -> XmlListFile:
        """Parse `path` safely and check its root element is `root_tag`."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ListFormatError(path, f"cannot read the file: {exc.strerror}") from exc
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            if not closes_root(data, root_tag):
                raise _cut_short(path, data, root_tag, exc) from exc
            raise ListFormatError(path, f"not well-formed XML: {exc.msg}", line=exc.lineno) from exc
        except (ValueError, LookupError) as exc:  # odd encodings lxml refuses outright
            raise ListFormatError(path, f"not readable as XML: {exc}") from exc
        if root.tag != root_tag:
            raise ListFormatError(
                path,
                f"root element is not {root_tag}",
                line=root.sourceline,
                element=str(root.tag),
            )
        return cls(path, root)

    def error(
        self,
        element: etree._Element,
        message: str,
        *,
        field: str | None = None,
        value: str | None = None,
    ) -> ListFormatError:
        """A `ListFormatError` at `element`, on the line of its `field` child if it has one."""
        child = element.find(f"{{*}}{field}") if field else None
        return ListFormatError(
            self.path,
            message,
            line=(element if child is None else child).sourceline,
            element=etree.QName(element).localname,
            field=field,
            value=value,
        )


@dataclass
class XmlRecord:
    """One record being turned into an `Entity`: its element, key and extra pairs."""

    file: XmlListFile
    element: etree._Element
    key: str
    extra: list[tuple[str, str]] = field(default_factory=list)

    def error(
        self,
        element: etree._Element,
        message: str,
        *,
        field: str | None = None,
        value: str | None = None,
    ) -> ListFormatError:
        return self.file.error(element, f"record {self.key}: {message}", field=field, value=value)

    def report(self, element: etree._Element, message: str) -> None:
        """Note text that was kept verbatim but could not be structured."""
        issue = ImportIssue(IssueKind.UNPARSED, self.key, message, element.sourceline)
        self.file.issues.append(issue)

    def keep_unparsed(self, element: etree._Element, name: str, value: str) -> None:
        """Keep `value` in `Entity.extra` under `name` and report it."""
        self.extra.append((name, value))
        self.report(element, f"{name} {value!r} not understood; kept in extra")
