"""Batch audits: the same collect -> engine -> decision over many targets, one JSON line each."""
