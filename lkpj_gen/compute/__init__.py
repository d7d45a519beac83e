"""Stage 3, compute: validated content -> the plan (``model.plan.DocumentPlan``). Every number,
sum, percentage, sentence and list entry of the document is decided here, once."""
