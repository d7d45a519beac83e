"""XML namespaces of the WordprocessingML parts we write."""

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
XMLNS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())

# The document's root also declares the namespaces of Word's own extensions as ignorable, as Word
# does: a Word template saved by Word carries them into our body (Word 2010+ reads them, older
# consumers skip them).
_EXTENSIONS = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
}
DOCUMENT_XMLNS = (XMLNS + " " + " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _EXTENSIONS.items())
                  + ' mc:Ignorable="w14 wp14 w15"')
