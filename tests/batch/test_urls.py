"""Which git URLs a batch accepts, and why the others are refused."""
from __future__ import annotations

import pytest

from dpgcheck.batch.targets import Target, _entry
from dpgcheck.batch.urls import cache_name, looks_like_url, protocol_of
from dpgcheck.errors import DpgcheckError


@pytest.mark.parametrize(
    ("url", "protocol"),
    [
        ("https://github.com/example/project.git", "https"),
        ("https://gitlab.example.org:8443/group/sub/project", "https"),
        ("ssh://git@git.example.org:2222/project.git", "ssh"),
        ("git@github.com:example/project.git", "ssh"),
        ("file:///srv/git/project.git", "file"),
        ("file://localhost/srv/git/project.git", "file"),
    ],
)
def test_accepted_urls(url, protocol):
    assert protocol_of(url) == protocol


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("--upload-pack=touch /tmp/x", "may not begin with '-'"),
        ("-uhttps://example.org/x", "may not begin with '-'"),
        ("ssh://-oProxyCommand=touch%20x/y", "no valid host name"),
        ("https://-evil.example.org/x", "no valid host name"),
        ("git@-oProxyCommand=x:y", "not a valid user@host:path"),
        ("git@host:-x", "not a valid user@host:path"),
        ("ext::sh -c touch% /tmp/x", "white space"),
        ("ext::sh", "remote-helper"),
        ("fd::17", "remote-helper"),
        ("http://example.org/x.git", "http:// scheme is refused"),
        ("git://example.org/x.git", "git:// scheme is refused"),
        ("ftp://example.org/x.git", "ftp:// scheme is refused"),
        ("https://user:token@example.org/x.git", "credentials"),
        ("https://user@example.org/x.git", "credentials"),
        ("file://otherhost/srv/x.git", "names a file on this machine"),
        ("file://relative/x", "names a file on this machine"),
        ("https://example.org/", "no repository path"),
        ("https://example.org/x.git?upload-pack=y", "query or fragment"),
        ("https://example.org/x.git#main", "query or fragment"),
        ("https://example.org:99999/x.git", "invalid port"),
        ("https://exa mple.org/x", "white space"),
        ("https://example.org/x\n.git", "control characters"),
    ],
)
def test_refused_urls(url, reason):
    with pytest.raises(DpgcheckError) as caught:
        protocol_of(url)
    assert reason in caught.value.message


def test_list_entries_are_urls_or_paths():
    assert looks_like_url("https://example.org/x") and looks_like_url("git@host:x") and looks_like_url("ext::sh")
    assert not looks_like_url("./some:dir") and not looks_like_url("checkouts/project")
    assert _entry("-x", base=__import__("pathlib").Path("/")).kind == "invalid"
    assert _entry("projects/a", base=__import__("pathlib").Path("/srv")) == Target("projects/a", "path", path="/srv/projects/a")


def test_cache_names_are_readable_and_distinct():
    a = cache_name("https://github.com/example/project.git")
    b = cache_name("https://gitlab.com/example/project.git")
    assert a.startswith("project-") and b.startswith("project-") and a != b
    assert cache_name("git@host:../../etc") .startswith("etc-")
    assert "/" not in cache_name("file:///srv/../../x")
