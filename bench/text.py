#!/usr/bin/env python
"""Text processing on very long paragraphs: markup, references, year markers and the prose
checks (``validate/prose.py``) on one paragraph of N characters made of a repeated hostile
shape, at two sizes, so that anything growing faster than the text shows (twice the text
should take about twice the time).

    python bench/text.py [--size 1000000]

CPU time (process_time), best of 3, in seconds. Nothing here asserts a number.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lkpj_gen.compute.markup import Resolver  # noqa: E402
from lkpj_gen.model.markup import find_references, stray_markers, tokenize  # noqa: E402
from lkpj_gen.validate.prose import check_text  # noqa: E402

SHAPES = {
    "plain": "kata biasa tanpa angka ",
    "amounts": "Kata biasa dengan angka Rp1.000 dan 5% ",
    "years": "[[tahun]] 2023 ",
    "stars": "*a ",
    "bold_italic": "**a *b ",
    "refs_open": "[[tabel:a ",
    "shares": "realisasi Rp1 dari pagu Rp2 atau 3% ",
    "spelled_bad": "5 (enam) ",
    "formula": "Rp 1.000 / Rp 2.000 x 100% = 50% ",
    "surplus": "pendapatan Rp 10 belanja Rp 12 surplus Rp 2 ",
}


def best(work) -> float:
    times = []
    for _ in range(3):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    size = parser.parse_args().size
    resolver = Resolver(2023, {"tabel": "Tabel", "gambar": "Gambar"})
    print(f"| shape | chars | markup (tokenize + runs) | references and stray markers | prose checks | findings |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, unit in SHAPES.items():
        for n in (size // 2, size):
            text = (unit * (n // len(unit) + 1))[:n]
            markup = best(lambda: (list(tokenize(text)), resolver.runs(text)))
            references = best(lambda: (stray_markers(text), find_references(text)))
            found = check_text(text)
            prose = best(lambda: check_text(text))
            print(f"| {name} | {n:,} | {markup:.2f} | {references:.2f} | {prose:.2f} | {len(found):,} |", flush=True)


if __name__ == "__main__":
    main()
