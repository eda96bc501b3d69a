"""protocheck: checks council drafts against the council's Member/Officer protocol."""

__version__ = "0.1.0"
