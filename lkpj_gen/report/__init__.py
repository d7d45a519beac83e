"""Reports about a year's content for the people coordinating it (``lkpj status``).

``status`` builds the rows once from a check's result; ``terminal``, ``html`` and ``xlsx`` render
the same rows. This unit sits beside the stages and imports only the shared vocabulary
(``model``, ``kinds``).
"""
