"""Stage: agencies' workbooks out and in (``lkpj excel`` / ``lkpj impor``).

- ``plan``: a content file (an agency's, or the finance tables of BAB I and II) as sheets of rows,
  from each table kind's declared ``SheetSpec`` (``lkpj_gen.kinds.sheet``), and back: rows read
  from a workbook into the nested data a YAML file would give, with the cell of every value;
- ``write`` / ``read``: those sheets to and from an .xlsx file with openpyxl (the only modules
  that know the file format);
- ``yamltext``: the YAML text of imported data, keeping the existing file's text (comments,
  layout) wherever the content did not change.

The reader's output is a ``SourceFile`` like the YAML reader's, so every check of ``lkpj periksa``
runs on an imported workbook unchanged and names the sheet and cell to fix.
"""
