"""The rendered document, as render hands it to finish: WordprocessingML parts and media files."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Media:
    """An image placed in the document: its relationship id, file and displayed size."""

    rid: str
    id: int  # drawing object id, unique in the document
    name: str  # part name under word/media/
    path: str
    cx: int  # width in EMU
    cy: int  # height in EMU


@dataclass
class DocumentParts:
    document_xml: str
    footers: dict[str, str]  # relationship id -> footer part XML
    media: list[Media] = field(default_factory=list)
