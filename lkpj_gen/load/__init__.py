"""Stage 1, load: read input files into data with positions. Knows file formats, not models."""
