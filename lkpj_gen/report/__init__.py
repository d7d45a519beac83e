"""Reports for the people coordinating a year's content: what the checks found (``findings``,
for ``lkpj periksa``) and where each agency stands (``status``, rendered by ``terminal``, ``html``
and ``xlsx`` for ``lkpj status``). This unit sits beside the stages and imports only the shared
vocabulary (``model``, ``kinds``); the CLI prints or writes what it produces.
"""
