"""The Compare page: the situation form, weights, the ranking and the offers side by side."""
