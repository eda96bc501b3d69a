"""Publicity rules."""
