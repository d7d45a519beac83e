"""How wide text is on the page: font metrics for sizing table columns from their content."""
