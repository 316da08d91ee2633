"""Reading governance documents: pure functions over a document's text, one module per job.

``headings`` and ``topics`` (what any governance text covers), ``contacts`` (the kinds of contact
a text gives), and one reader per kind of document: ``security_policy``, ``code_of_conduct``,
``changelog``, ``funding`` (FUNDING.yml) and ``codeowners``. The ``governance`` collector
(:mod:`dpgcheck.collect.collectors.governance_facts`) finds the files, reads them within their limits and
records the facts.
"""
