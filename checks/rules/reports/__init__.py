"""Reports rules."""
