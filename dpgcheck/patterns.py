"""Regular expressions compiled on their first use, not when their module is imported.

The licence detector and the governance topics hold dozens of large patterns; compiling them
all took about a fifth of a pre-commit hook run's start-up, although a run whose licence texts
and documents come from the cache never uses most of them. A :class:`LazyPattern` stands in
for a compiled ``re.Pattern``: the first call of a matching method compiles it and binds the
compiled pattern's methods on the instance, so later calls cost what the pattern's own do.
"""
from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, done when a matching method is first called."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self.flags)
        for name in _METHODS:  # instance attributes shadow the class's compiling methods
            setattr(self, name, getattr(compiled, name))
        return compiled

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().split(*args, **kwargs)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> "re.Pattern[str]":
    """A pattern compiled on first use, typed as the ``re.Pattern`` it stands for."""
    return cast("re.Pattern[str]", LazyPattern(pattern, int(flags)))
