"""Rego engines: regorus embedded (default), OPA over REST, and OPA's Go engine in-process."""
