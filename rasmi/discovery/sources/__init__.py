"""Where candidate accounts come from. Each source reads one kind of file into candidate
dicts in the discover_score input shape; a new source (a platform search connector, a
vendor export) is one more module registered here."""

from rasmi.discovery.sources.base import SOURCES, SourceItem, detect_source, get_source

__all__ = ["SOURCES", "SourceItem", "detect_source", "get_source"]

# Importing the modules registers them.
from rasmi.discovery.sources import files, maigret, sherlock  # noqa: E402, F401
