"""Correspondence rules."""
