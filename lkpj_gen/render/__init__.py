"""Stage 4, render: the plan -> WordprocessingML parts, through the templates (autoescaped)."""
