"""``python -m lkpj_gen`` and the ``lkpj`` command.

The command's modules take a moment to import; Ctrl-C in that moment ends the command with the same
short Indonesian word as later (nothing has been written yet), not with Python's traceback.
"""

import sys


def main() -> None:
    try:
        from lkpj_gen.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Dibatalkan.\n")
        raise SystemExit(130) from None
    run()


if __name__ == "__main__":
    main()
