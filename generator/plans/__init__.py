"""The annual plan, the multi-year plan and the 印发通知 that issues them."""
