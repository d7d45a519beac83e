"""``python -m lkpj_gen`` runs the ``lkpj`` command."""

from lkpj_gen.cli import main

main()
