"""Conduct rules."""
