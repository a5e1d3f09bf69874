"""Views, one module per area of the site (pledges, board, imports, reminders, health)."""
