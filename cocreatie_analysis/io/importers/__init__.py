"""Importers that turn files users download elsewhere into a municipality folder's tables.

`cbs`: population tables from CBS StatLine CSV exports. `polis`: a Pol.is conversation export as a folder.
"""
