"""Where candidate accounts come from. Each source reads one kind of file into candidate
dicts in the batch contract shape (see base.py); a new source (a platform search connector,
a vendor export) is one more module with a `@register_source` class, imported here."""

# Importing the source modules registers them.
from rasmi.discovery.sources import files, maigret, sherlock  # noqa: F401
from rasmi.discovery.sources.base import (
    SOURCES,
    CandidateSource,
    SourceItem,
    detect_source,
    get_source,
    register_source,
)

__all__ = ["SOURCES", "CandidateSource", "SourceItem", "detect_source", "get_source",
           "register_source"]
