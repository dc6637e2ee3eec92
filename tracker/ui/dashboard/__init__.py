"""The Dashboard page: progress cards, charts, the study timer, the study log and revisits."""
