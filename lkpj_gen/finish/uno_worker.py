"""Layout worker: runs under the system Python that has LibreOffice's ``uno`` module.

Not imported by the package: ``finish/layout_pass.py`` starts it as ``/usr/bin/python3 uno_worker.py``
and talks to it with one JSON object per line:

    -> {"pages": {"<bookmark>": <page in the layout>, ...}}             (after loading the .docx)
    <- {"replace": {"<bookmark>": "<text>"}, "pdf": "<path or empty>"}   (page texts LibreOffice
                                                                         cannot compute; export PDF?)
    -> {"done": true}

Only the standard library and ``uno`` are used here, so the worker runs whatever Python the
package itself runs on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # noqa: F401  (provided by Debian's python3-uno)
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def send(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def connect(pipe: str, deadline: float, timeout: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise SystemExit(f"LibreOffice tidak menjawab dalam batas waktu {float(timeout):.0f} detik") from None
            time.sleep(0.2)


def replace_references(doc, replacements: dict[str, str]) -> None:
    """Turn the page-reference fields to the given bookmarks into fixed text (roman numbers)."""
    fields = doc.getTextFields().createEnumeration()
    targets = []
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.TextField.GetReference"):
            name = field.getPropertyValue("SourceName")
            if name in replacements:
                targets.append((field, replacements[name]))
    for field, text in targets:
        anchor = field.getAnchor()
        anchor.getText().insertString(anchor.getStart(), text, False)
        field.dispose()


def main() -> None:
    docx, soffice, profile, pipe, timeout = sys.argv[1:6]
    deadline = time.monotonic() + float(timeout)
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible", "--nologo",
         "--norestore", "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    send({"pid": office.pid})
    try:
        ctx = connect(pipe, deadline, timeout)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(Path(docx).as_uri(), "_blank", 0, (prop("Hidden", True),))
        doc.getTextFields().refresh()
        cursor = doc.getCurrentController().getViewCursor()
        pages = {}
        bookmarks = doc.getBookmarks()
        for name in bookmarks.getElementNames():
            cursor.gotoRange(bookmarks.getByName(name).getAnchor(), False)
            pages[name] = cursor.getPage()
        send({"pages": pages})

        order = json.loads(sys.stdin.readline())
        if order.get("replace"):
            replace_references(doc, order["replace"])
        if order.get("pdf"):
            doc.storeToURL(Path(order["pdf"]).as_uri(), (prop("FilterName", "writer_pdf_Export"),))
        doc.close(True)
        send({"done": True})
    finally:
        try:
            desktop.terminate()  # type: ignore[possibly-undefined]
        except Exception:
            pass
        try:
            os.killpg(office.pid, 9)
        except ProcessLookupError:
            pass


if __name__ == "__main__":
    main()
