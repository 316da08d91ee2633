"""Facts from local git history: organisations, contributors, activity and release tags.

* :mod:`dpgcheck.history.domains` — e-mail domain to organisation (registrable
  domain, webmail, bots, affiliation map);
* :mod:`dpgcheck.history.gitlog` — one streamed ``git log`` over a bounded number
  of commits;
* :mod:`dpgcheck.history.metrics` — CHAOSS elephant factor, contributor absence
  factor and organisational diversity over time windows;
* :mod:`dpgcheck.history.tags` — release tags and their version scheme.

No e-mail address or name leaves this package: contributors are counted,
organisations are registrable domains (or names from the affiliation map).
"""
