"""Layout worker: runs under the system Python that has LibreOffice's ``uno`` module.

Not imported by the package: ``finish/layout_pass.py`` starts it as
``/usr/bin/python3 uno_worker.py WORKDIR SOFFICE PROFILE PIPE TIMEOUT`` and talks to it with one
JSON object per line. One LibreOffice lays out any number of documents, one after the other:

    -> {"pid": <soffice pid>}                                        (right after starting it)
    -> {"ready": true}                                               (connected)
    <- {"load": "<docx>", "replace": {"<bookmark>": "<text>"}}       (page references to turn into
                                                                     fixed text before the layout)
    -> {"pages": {"<bookmark>": <page>, ...}, "last": <last page>}   (after laying it out)
    <- {"replace": {...}, "pdf": "<path or empty>", "offset": <first page number or null>,
        "properties": {"Title": ..., "Author": ..., ...}, "pdfa": <bool>}
    -> {"done": true}                                                (and the document is closed)

When its standard input reaches end of file (``lkpj`` ended, however it ended), it kills
LibreOffice, removes WORKDIR (its private copies and profile) and exits: no LibreOffice outlives
the build that started it, even one that hangs. Failures are reported as one line on standard
error. Only the standard library and ``uno`` are used here.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # noqa: F401  (provided by Debian's python3-uno)
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


class Failed(Exception):
    """A failure with a message for the user (Indonesian)."""


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def send(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def kill_office(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def watch_stdin(orders: queue.Queue, office: subprocess.Popen, workdir: str) -> None:
    """Pass order lines on; at end of file (our parent is gone) end LibreOffice and ourselves."""
    for line in sys.stdin:
        orders.put(line)
    kill_office(office.pid)
    shutil.rmtree(workdir, ignore_errors=True)
    os._exit(3)


def connect(pipe: str, deadline: float, timeout: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise Failed(f"LibreOffice tidak menjawab dalam batas waktu {float(timeout):g} detik") from None
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
    doc.lockControllers()  # one layout afterwards, not one per field
    try:
        for field, text in targets:
            anchor = field.getAnchor()
            anchor.getText().insertString(anchor.getStart(), text, False)
            field.dispose()
    finally:
        doc.unlockControllers()


def set_first_page_number(doc, number: int) -> None:
    """Number the document's first page ``number`` (a piece that continues a chapter)."""
    first = doc.getText().createEnumeration().nextElement()
    if not first.getPropertyValue("PageDescName"):
        cursor = doc.getCurrentController().getViewCursor()
        cursor.jumpToFirstPage()
        first.setPropertyValue("PageDescName", cursor.getPropertyValue("PageStyleName"))
    first.setPropertyValue("PageNumberOffset", number)


def pdf_filter(pdfa: bool, tagged: bool) -> tuple:
    """Options of LibreOffice's PDF export: tagged (structure for screen readers), headings as
    outline, bookmarks as named destinations (links between separately exported pieces), PDF/A-2b
    on request, automatically inserted blank pages left out. Untagged (a PDF only read back for
    the check): no outline or destinations either."""
    data = {"UseTaggedPDF": tagged, "ExportBookmarks": tagged, "ExportBookmarksToPDFDestination": tagged,
            "IsSkipEmptyPages": True, "SelectPdfVersion": 2 if pdfa else 0}
    return (prop("FilterName", "writer_pdf_Export"),
            prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", tuple(prop(k, v) for k, v in data.items()))))


def lay_out(path: str, order: dict, desktop) -> object:
    doc = desktop.loadComponentFromURL(Path(path).as_uri(), "_blank", 0, (prop("Hidden", True),))
    if doc is None or not hasattr(doc, "getTextFields"):
        raise Failed("LibreOffice tidak dapat membuka dokumen (berkas rusak, misalnya berisi karakter yang "
                     "tidak sah dalam XML, atau bukan dokumen Word)")
    if order.get("replace"):
        replace_references(doc, order["replace"])
    doc.getTextFields().refresh()
    cursor = doc.getCurrentController().getViewCursor()
    pages = {}
    bookmarks = doc.getBookmarks()
    for name in bookmarks.getElementNames():
        cursor.gotoRange(bookmarks.getByName(name).getAnchor(), False)
        pages[name] = cursor.getPage()
    cursor.jumpToLastPage()
    send({"pages": pages, "last": cursor.getPage()})
    return doc


def finish(doc, order: dict) -> None:
    if order.get("replace"):
        replace_references(doc, order["replace"])
    if order.get("offset"):
        set_first_page_number(doc, int(order["offset"]))
    properties = doc.getDocumentProperties()
    for name, value in (order.get("properties") or {}).items():
        if name == "Keywords":  # a list of words, written "a, b, c"
            value = tuple(word.strip() for word in value.split(",") if word.strip())
        setattr(properties, name, value)
    if order.get("pdf"):
        doc.storeToURL(Path(order["pdf"]).as_uri(), pdf_filter(bool(order.get("pdfa")), bool(order.get("tagged", True))))
    doc.close(True)
    send({"done": True})


def serve(pipe: str, deadline: float, timeout: str, orders: queue.Queue) -> None:
    ctx = connect(pipe, deadline, timeout)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    send({"ready": True})
    try:
        while True:
            order = json.loads(orders.get())
            doc = lay_out(order["load"], order, desktop)
            finish(doc, json.loads(orders.get()))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass


def main() -> None:
    workdir, soffice, profile, pipe, timeout = sys.argv[1:6]
    deadline = time.monotonic() + float(timeout)
    office = subprocess.Popen(
        [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible", "--nologo",
         "--norestore", "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    orders: queue.Queue = queue.Queue()
    threading.Thread(target=watch_stdin, args=(orders, office, workdir), daemon=True).start()
    try:
        send({"pid": office.pid})
        serve(pipe, deadline, timeout, orders)
    except Failed as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # a UNO error: its type and message, on one line
        message = " ".join(str(getattr(exc, "Message", "") or exc).split())
        print(f"{type(exc).__name__}: {message}"[:500], file=sys.stderr)
        sys.exit(1)
    finally:
        kill_office(office.pid)


if __name__ == "__main__":
    main()
