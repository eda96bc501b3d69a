"""Lexicons: word lists (.txt), spaCy patterns (.yml) and council profiles (.toml). Data only."""
