"""What the operating system said when it refused a file, in Indonesian: every message that
names a file the system could not read or write says why in the user's language."""

from __future__ import annotations

import errno

_WHY = {
    errno.ENOENT: "berkas atau folder itu tidak ada",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak ada izin",
    errno.EISDIR: "nama itu adalah sebuah folder, bukan berkas",
    errno.ENOTDIR: "salah satu bagian jalurnya adalah berkas, bukan folder",
    errno.ENOSPC: "ruang disk penuh",
    errno.EROFS: "tempat itu hanya dapat dibaca (read-only)",
    errno.ENAMETOOLONG: "nama berkas atau folder terlalu panjang",
    errno.EBUSY: "berkas atau folder itu sedang dipakai",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ELOOP: "tautan (symlink) yang menunjuk ke dirinya sendiri",
}
if hasattr(errno, "EDQUOT"):
    _WHY[errno.EDQUOT] = "kuota disk habis"


def os_reason(exc: OSError) -> str:
    code = exc.errno or 0
    if code in _WHY:
        return _WHY[code]
    return f"kesalahan sistem berkas ({errno.errorcode[code]})" if code in errno.errorcode else f"kesalahan sistem berkas: {exc}"
