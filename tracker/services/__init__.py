"""Services: the operations the GUI and the CLI share. Each call is one durable transaction."""
