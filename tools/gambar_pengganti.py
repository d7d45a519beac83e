"""Gambar pengganti (placeholder) untuk peta/gambar yang belum tersedia.

Menulis PNG dengan pustaka standar saja (zlib + struct, tanpa PIL): kotak abu-abu muda
berbingkai, tanda silang diagonal besar, tulisan "GAMBAR PENGGANTI" dengan huruf bitmap
5x7 bawaan, dan (opsional) satu baris keterangan di bawahnya.

    python tools/gambar_pengganti.py content/2023/gambar/peta-ntt.png --keterangan "PETA PROVINSI NTT"
"""

from __future__ import annotations

import argparse
import struct
import zlib
from pathlib import Path

# Huruf bitmap 5x7: tujuh baris per huruf, "1" = titik hitam.
FONT: dict[str, tuple[str, ...]] = {
    "A": ("01110", "10001", "10001", "11111", "10001", "10001", "10001"),
    "B": ("11110", "10001", "10001", "11110", "10001", "10001", "11110"),
    "C": ("01110", "10001", "10000", "10000", "10000", "10001", "01110"),
    "D": ("11110", "10001", "10001", "10001", "10001", "10001", "11110"),
    "E": ("11111", "10000", "10000", "11110", "10000", "10000", "11111"),
    "F": ("11111", "10000", "10000", "11110", "10000", "10000", "10000"),
    "G": ("01110", "10001", "10000", "10111", "10001", "10001", "01111"),
    "H": ("10001", "10001", "10001", "11111", "10001", "10001", "10001"),
    "I": ("01110", "00100", "00100", "00100", "00100", "00100", "01110"),
    "J": ("00111", "00010", "00010", "00010", "00010", "10010", "01100"),
    "K": ("10001", "10010", "10100", "11000", "10100", "10010", "10001"),
    "L": ("10000", "10000", "10000", "10000", "10000", "10000", "11111"),
    "M": ("10001", "11011", "10101", "10101", "10001", "10001", "10001"),
    "N": ("10001", "10001", "11001", "10101", "10011", "10001", "10001"),
    "O": ("01110", "10001", "10001", "10001", "10001", "10001", "01110"),
    "P": ("11110", "10001", "10001", "11110", "10000", "10000", "10000"),
    "Q": ("01110", "10001", "10001", "10001", "10101", "10010", "01101"),
    "R": ("11110", "10001", "10001", "11110", "10100", "10010", "10001"),
    "S": ("01111", "10000", "10000", "01110", "00001", "00001", "11110"),
    "T": ("11111", "00100", "00100", "00100", "00100", "00100", "00100"),
    "U": ("10001", "10001", "10001", "10001", "10001", "10001", "01110"),
    "V": ("10001", "10001", "10001", "10001", "10001", "01010", "00100"),
    "W": ("10001", "10001", "10001", "10101", "10101", "10101", "01010"),
    "X": ("10001", "10001", "01010", "00100", "01010", "10001", "10001"),
    "Y": ("10001", "10001", "01010", "00100", "00100", "00100", "00100"),
    "Z": ("11111", "00001", "00010", "00100", "01000", "10000", "11111"),
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11111", "00010", "00100", "00010", "00001", "10001", "01110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    " ": ("00000",) * 7,
    "-": ("00000", "00000", "00000", "11111", "00000", "00000", "00000"),
    ".": ("00000", "00000", "00000", "00000", "00000", "01100", "01100"),
    ",": ("00000", "00000", "00000", "00000", "01100", "00100", "01000"),
    ":": ("00000", "01100", "01100", "00000", "01100", "01100", "00000"),
    "/": ("00001", "00001", "00010", "00100", "01000", "10000", "10000"),
    "(": ("00010", "00100", "01000", "01000", "01000", "00100", "00010"),
    ")": ("01000", "00100", "00010", "00010", "00010", "00100", "01000"),
}

LATAR = (230, 230, 230)  # abu-abu muda
GARIS = (90, 90, 90)  # bingkai dan silang
TINTA = (40, 40, 40)  # tulisan
PUTIH = (255, 255, 255)


class Kanvas:
    def __init__(self, lebar: int, tinggi: int, warna=LATAR):
        self.lebar, self.tinggi = lebar, tinggi
        self.px = bytearray(bytes(warna) * (lebar * tinggi))

    def titik(self, x: int, y: int, warna) -> None:
        if 0 <= x < self.lebar and 0 <= y < self.tinggi:
            i = (y * self.lebar + x) * 3
            self.px[i : i + 3] = bytes(warna)

    def kotak(self, x0: int, y0: int, x1: int, y1: int, warna) -> None:
        """Isi persegi [x0, x1) x [y0, y1)."""
        x0, x1 = max(0, x0), min(self.lebar, x1)
        baris = bytes(warna) * max(0, x1 - x0)
        for y in range(max(0, y0), min(self.tinggi, y1)):
            i = (y * self.lebar + x0) * 3
            self.px[i : i + len(baris)] = baris

    def bingkai(self, tebal: int, warna) -> None:
        w, h = self.lebar, self.tinggi
        self.kotak(0, 0, w, tebal, warna)
        self.kotak(0, h - tebal, w, h, warna)
        self.kotak(0, 0, tebal, h, warna)
        self.kotak(w - tebal, 0, w, h, warna)

    def garis(self, x0: int, y0: int, x1: int, y1: int, tebal: int, warna) -> None:
        """Garis lurus tebal (langkah sepanjang sumbu terpanjang)."""
        langkah = max(abs(x1 - x0), abs(y1 - y0), 1)
        r = tebal // 2
        for s in range(langkah + 1):
            x = x0 + (x1 - x0) * s // langkah
            y = y0 + (y1 - y0) * s // langkah
            self.kotak(x - r, y - r, x - r + tebal, y - r + tebal, warna)

    def tulisan(self, teks: str, skala: int, pusat_y: int, warna=TINTA, latar=None) -> None:
        """Tulisan satu baris, di tengah secara mendatar, huruf 5x7 diperbesar ``skala`` kali."""
        teks = teks.upper()
        tak_dikenal = sorted({c for c in teks if c not in FONT})
        if tak_dikenal:
            raise SystemExit(f"huruf tidak tersedia di font bawaan: {''.join(tak_dikenal)!r}")
        lebar_huruf = 6 * skala  # 5 kolom + 1 kolom jarak
        lebar = len(teks) * lebar_huruf - skala
        x0 = (self.lebar - lebar) // 2
        y0 = pusat_y - (7 * skala) // 2
        if latar is not None:
            tepi = 3 * skala
            self.kotak(x0 - tepi, y0 - tepi, x0 + lebar + tepi, y0 + 7 * skala + tepi, latar)
        for n, huruf in enumerate(teks):
            for r, baris in enumerate(FONT[huruf]):
                for c, bit in enumerate(baris):
                    if bit == "1":
                        x = x0 + n * lebar_huruf + c * skala
                        y = y0 + r * skala
                        self.kotak(x, y, x + skala, y + skala, warna)

    def png(self) -> bytes:
        def chunk(jenis: bytes, data: bytes) -> bytes:
            isi = jenis + data
            return struct.pack(">I", len(data)) + isi + struct.pack(">I", zlib.crc32(isi) & 0xFFFFFFFF)

        stride = self.lebar * 3
        mentah = b"".join(b"\x00" + bytes(self.px[y * stride : (y + 1) * stride]) for y in range(self.tinggi))
        ihdr = struct.pack(">IIBBBBB", self.lebar, self.tinggi, 8, 2, 0, 0, 0)  # 8 bit, RGB
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(mentah, 9)) + chunk(b"IEND", b"")


def gambar_pengganti(lebar: int = 1200, tinggi: int = 800, keterangan: str = "") -> bytes:
    k = Kanvas(lebar, tinggi)
    tebal = max(2, min(lebar, tinggi) // 200)
    k.bingkai(2 * tebal, GARIS)
    k.garis(0, 0, lebar - 1, tinggi - 1, tebal, GARIS)
    k.garis(0, tinggi - 1, lebar - 1, 0, tebal, GARIS)
    judul = "GAMBAR PENGGANTI"
    skala = max(2, (lebar * 7 // 10) // (len(judul) * 6))
    k.tulisan(judul, skala, tinggi // 2, TINTA, PUTIH)
    if keterangan:
        skala_kecil = max(1, min(skala // 2, (lebar * 8 // 10) // (len(keterangan) * 6)))
        bawah_judul = tinggi // 2 + (7 * skala) // 2 + 3 * skala  # tepi bawah kotak tulisan utama
        pusat = bawah_judul + 6 * skala_kecil + (7 * skala_kecil) // 2 + tinggi // 40
        k.tulisan(keterangan, skala_kecil, pusat, TINTA, PUTIH)
    return k.png()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("keluaran", type=Path, help="berkas PNG yang ditulis")
    p.add_argument("--keterangan", default="", help="baris kecil di bawah tulisan utama (huruf A-Z, 0-9, .,:-/())")
    p.add_argument("--lebar", type=int, default=1200)
    p.add_argument("--tinggi", type=int, default=800)
    a = p.parse_args()
    a.keluaran.parent.mkdir(parents=True, exist_ok=True)
    a.keluaran.write_bytes(gambar_pengganti(a.lebar, a.tinggi, a.keterangan))
    print(f"{a.keluaran} ({a.lebar}x{a.tinggi})")


if __name__ == "__main__":
    main()
