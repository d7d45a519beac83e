"""Reports for people: what the checks found, and where each agency stands. Depends only on the
shared vocabulary (``model``, ``kinds``); the CLI prints or writes what it produces."""
