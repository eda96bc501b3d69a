"""The model every stage shares: Document and its blocks, findings and their locations,
configuration and council profiles."""
