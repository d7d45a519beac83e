"""The rendered document, as render hands it to finish: WordprocessingML parts and media files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True)
class Media:
    """An image placed in the document: its relationship id, file and displayed size."""

    rid: str
    id: int  # drawing object id, unique in the document
    name: str  # part name under word/media/
    path: str  # the file it was read from ("" for a picture taken from a Word template)
    cx: int  # width in EMU
    cy: int  # height in EMU
    data: bytes | None = field(default=None, repr=False, compare=False)  # the image itself

    def content(self) -> bytes:
        if self.data is not None:
            return self.data
        with open(self.path, "rb") as f:
            return f.read()


@dataclass
class DocumentParts:
    # word/document.xml as the strings it is written from, in order: the document is never held
    # as one string (90 MB of text, twice over, at ten times the 2023 content)
    document: Iterable[str]
    footers: dict[str, str]  # relationship id -> footer part XML
    media: list[Media] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # styles a Word template brought that gaya.docx lacks
    links: dict[str, str] = field(default_factory=dict)  # relationship id -> external hyperlink target

    @property
    def document_xml(self) -> str:
        """word/document.xml as one string (for a reader that needs it whole)."""
        return "".join(self.document)
