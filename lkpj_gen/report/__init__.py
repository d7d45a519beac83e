"""Reports for people: what the checks found, where each agency stands, and what authors may
write (the JSON Schemas an editor loads, the reference ``docs/referensi-konten.md``). Depends only
on the shared vocabulary (``model``, ``kinds``); the CLI prints or writes what it produces."""
