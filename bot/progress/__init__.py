"""A person's progress and data: the progress picture (PNG, or a text chart), export, forget me,
and opt-in nudges."""
