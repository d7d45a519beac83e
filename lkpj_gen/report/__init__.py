"""Reports for the people coordinating a year's content: what the checks found (``findings``,
for ``lkpj periksa``), where each agency stands (``status``, rendered by ``terminal``, ``html`` and
``xlsx`` for ``lkpj status``), and what authors may write (``schema``: the JSON Schemas an editor
loads, and the reference ``docs/referensi-konten.md``). This unit sits beside the stages and imports
only the shared vocabulary (``model``, ``kinds``); the CLI prints or writes what it produces.
"""
