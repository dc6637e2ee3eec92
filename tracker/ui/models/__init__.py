"""Qt item models over the services' frozen view objects."""
