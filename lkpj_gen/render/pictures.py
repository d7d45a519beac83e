"""The one picture factory: every picture of the document passes through ``Pictures``.

Figures, the cover logo and the pictures inside the bureau's Word templates all get their
relationship id, package part name and drawing id here, and every inline drawing the generator
writes itself comes from ``inline`` (the templates of the bureau bring their own drawing XML).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from markupsafe import Markup

from lkpj_gen.model.parts import Media

EMU_PER_CM = 360000


def image_size(data: bytes) -> tuple[int, int, str]:
    """(width px, height px, extension) of an image; raises on data that is not an image."""
    from docx.image.image import Image

    image = Image.from_blob(data)
    return image.px_width, image.px_height, image.ext


class Pictures:
    """Pictures placed in one rendering of the document, in the order they were registered."""

    def __init__(self) -> None:
        self.media: list[Media] = []
        self._ids = 0

    def drawing_id(self) -> int:
        """A drawing object id (``wp:docPr/@id``) no other drawing of the document has."""
        self._ids += 1
        return self._ids

    def add(self, data: bytes, ext: str, cx: int, cy: int, path: str = "") -> Media:
        """Register image bytes as a part of the package, shown ``cx`` x ``cy`` EMU."""
        n = len(self.media) + 1
        media = Media(f"rIdImage{n}", self.drawing_id(), f"gambar{n}.{ext.lower()}", path, cx, cy, data)
        self.media.append(media)
        return media

    def from_file(self, path: str, width_cm: float, box: tuple[int, int] | None = None) -> Media:
        """An image file shown ``width_cm`` wide, its height from its own proportions; within
        ``box`` (width, height in EMU: the page's text area), made smaller as a whole if needed."""
        with open(path, "rb") as f:
            data = f.read()
        cx = int(width_cm * EMU_PER_CM)
        if box is not None:
            px_w, px_h, _ = image_size(data)
            cx = min(cx, box[0], int(box[1] * px_w / px_h))
        return self.fitted(data, cx, path)

    def fitted(self, data: bytes, cx: int, path: str = "") -> Media:
        """Image bytes shown ``cx`` EMU wide, their height from their own proportions."""
        px_w, px_h, ext = image_size(data)
        return self.add(data, ext, cx, int(cx * px_h / px_w), path)

    @staticmethod
    def inline(media: Media, name: str) -> Markup:
        """The run content (``w:drawing``) showing ``media`` in the line of text."""
        return Markup(
            '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{media.cx}" cy="{media.cy}"/><wp:docPr id="{media.id}" name={quoteattr(name)}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{media.id}" name={quoteattr(media.name)}/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{media.rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{media.cx}" cy="{media.cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing>"
        )
