"""The repository itself: name, path and, for a git checkout, commit and remote."""
from __future__ import annotations

import re

from dpgcheck.gitcmd import GitUnavailable, git
from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.shapes import GitFacts, RepositoryFacts

SECTION = "repository"

_CREDENTIALS = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*://)[^/]*@", re.IGNORECASE)
# scp-style remotes: user@host:path (the user part may itself hold an "@").
_SCP_USER = re.compile(r"^[^/:]*@(?=[^@/:]+:)")


def strip_credentials(url: str) -> str:
    """Drop ``user:token@`` (URLs) and ``user@`` (scp-style) so secrets and people never reach the facts."""
    if "://" in url:
        return _CREDENTIALS.sub(r"\g<scheme>", url)
    return _SCP_USER.sub("", url)


def collect(view: RepoView, options: CollectOptions) -> RepositoryFacts:
    facts: RepositoryFacts = {"name": view.root.name, "path": str(view.root), "git": None}
    if view.git_dir is None:
        return facts
    try:
        commit, shallow = view.head()
    except GitUnavailable as exc:
        if exc.returncode == 1:
            # A repository with no commit yet: nothing to record, nothing wrong.
            facts["git"] = {"commit": None, "commit_time": None, "branch": None, "remote": None, "shallow": False}
            return facts
        view.problems.append(problem(SECTION, "git-unavailable", f"{exc}; commit not recorded"))
        return facts
    info: GitFacts = {"commit": commit or None, "commit_time": None, "branch": None, "remote": None, "shallow": False}
    try:
        if commit:
            info["commit_time"] = git(view.root, "show", "-s", "--format=%cI", commit).strip() or None
        branch = git(view.root, "rev-parse", "--abbrev-ref", "HEAD").strip()
        info["branch"] = None if branch in ("HEAD", "") else branch
        remotes = git(view.root, "remote").split()
        if remotes:
            name = "origin" if "origin" in remotes else sorted(remotes)[0]
            info["remote"] = strip_credentials(git(view.root, "remote", "get-url", name).strip())
        info["shallow"] = shallow
    except GitUnavailable as exc:
        view.problems.append(problem(SECTION, "git-unavailable", str(exc)))
    facts["git"] = info
    return facts
