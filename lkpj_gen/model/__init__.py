"""The shared vocabulary every stage speaks: content models, source positions, findings, markup
grammar and the computed plan. Imports nothing above ``numbers`` and ``kinds``."""
