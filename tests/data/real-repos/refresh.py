"""Re-collect the facts fixtures of the real-repository review from local checkouts.

    python tests/data/real-repos/refresh.py CHECKOUTS [NAME ...]

CHECKOUTS is a folder holding one checkout per repository of ``repositories.json``, named
after it (``CHECKOUTS/X-Road``, ``CHECKOUTS/dhis2-core`` …), at the pinned commit; clone
them with ``git clone URL NAME && git -C NAME checkout COMMIT`` (full history: the
stewardship rules read it). A checkout that is missing, or at another commit, is skipped
with a message, so the script can be run on whatever is present. Run it when the facts
schema changes (a new ``facts_version``), then ``python -m pytest tests/real_repos``: the
test says which reviewed verdicts moved, and ``review.json`` is updated by hand, by a
reviewer who looks at the repository again.

The facts are written as collected, except two machine-local values: ``repository.path``
becomes the repository's name and ``repository.git.remote`` its public URL, and one
personal one: an e-mail domain that only one contributor ever used is often that person's
own name (``firstnamelastname.com``), so such an organisation is renamed
``individual-NN.example`` everywhere in the document. Counts and shares are untouched, so
every verdict is the same. The script refuses to write a document that holds an e-mail
address.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EMAIL = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def collect(checkout: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "facts.json"
        subprocess.run([sys.executable, "-m", "dpgcheck", "facts", str(checkout), "-o", str(out)], check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def sanitise(facts: dict, name: str, url: str) -> dict:
    facts["repository"]["path"] = name
    if facts["repository"].get("git"):
        facts["repository"]["git"]["remote"] = url
    return facts


def pseudonymise_individuals(facts: dict) -> dict:
    """Rename the organisations that only one contributor ever committed from (see above)."""
    lifetime = (facts.get("history") or {}).get("lifetime") or {}
    singles = sorted(o["name"] for o in lifetime.get("organisations", []) if o.get("contributors") == 1 and o.get("name"))
    names = {name: f"individual-{number:02d}.example" for number, name in enumerate(singles, start=1)}

    def rename(value):
        if isinstance(value, dict):
            return {key: rename(item) for key, item in value.items()}
        if isinstance(value, list):
            return [rename(item) for item in value]
        return names.get(value, value) if isinstance(value, str) else value

    if names:
        facts["history"] = rename(facts["history"])
    return facts


def head_of(checkout: Path) -> str | None:
    result = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    checkouts, wanted = Path(argv[0]), set(argv[1:])
    listing = json.loads((HERE / "repositories.json").read_text(encoding="utf-8"))
    written = 0
    for repo in listing["repositories"]:
        name = repo["name"]
        if wanted and name not in wanted:
            continue
        checkout = checkouts / name
        head = head_of(checkout) if checkout.is_dir() else None
        if head != repo["commit"]:
            why = "no checkout" if head is None else f"checkout at {head[:12]}, the review pinned {repo['commit'][:12]}"
            print(f"{name}: skipped ({why})", file=sys.stderr)
            continue
        facts = pseudonymise_individuals(sanitise(collect(checkout), name, repo["url"]))
        text = json.dumps(facts, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if EMAIL.search(text):
            print(f"{name}: refused: the facts hold an e-mail address", file=sys.stderr)
            return 1
        (HERE / "facts" / f"{name}.json").write_text(text, encoding="utf-8")
        written += 1
        print(f"{name}: facts written")
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
