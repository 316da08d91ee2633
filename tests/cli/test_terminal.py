"""The terminal: colour on a TTY only, NO_COLOR/FORCE_COLOR, width, --quiet, environment, completion, errors."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import time

import pytest

from tests.conftest import GIT_ENV, ROOT
from tests.conftest import run_dpgcheck as run_in_process_or_not


def run_dpgcheck(*args, **kwargs):
    """A real process: terminals, colour and the environment are what these tests are about."""
    return run_in_process_or_not(*args, in_process=False, **kwargs)

NOW = "2026-06-01T00:00:00Z"
NON_COMPLIANT = ROOT / "examples" / "non-compliant"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Variables that decide colour and width: each test sets what it means to test.
TERMINAL_VARS = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "CLICOLOR", "CLICOLOR_FORCE")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TERMINAL_VARS and not k.startswith("DPGCHECK_")}
    return {**env, **GIT_ENV, "TERM": "xterm-256color", **extra}


def run_in_pty(*args: str, columns: int = 60, env: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal of ``columns`` columns as its standard output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "dpgcheck", *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
        env=env if env is not None else clean_env(), close_fds=True,
    )
    os.close(slave)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def check_args(*extra: str) -> list[str]:
    return ["check", str(NON_COMPLIANT), "--now", NOW, *extra]


def test_colour_on_a_terminal_and_the_width_follows_it():
    code, output = run_in_pty(*check_args(), columns=60)
    assert code == 1
    assert "\x1b[" in output
    assert ANSI.sub("", output).rstrip().endswith("(fails on error)")
    assert "\x1b[31m\x1b[1mFAIL" in output or "\x1b[1m\x1b[31mFAIL" in output or "\x1b[31;1mFAIL" in output
    plain = ANSI.sub("", output).splitlines()
    too_wide = [line for line in plain if len(line) > 60 and "https://" not in line]
    assert too_wide == []
    # The message that is one line at 100 columns is wrapped at 60.
    assert "          No licence file at the repository root: add" in plain


@pytest.mark.parametrize(
    ("args", "extra_env"),
    [(["--no-color"], {}), ([], {"NO_COLOR": "1"}), ([], {"TERM": "dumb"})],
    ids=["--no-color", "NO_COLOR", "TERM=dumb"],
)
def test_no_colour_on_a_terminal_when_asked(args, extra_env):
    code, output = run_in_pty(*check_args(*args), env=clean_env(**extra_env))
    assert code == 1
    assert "\x1b" not in output
    assert "verdict FAIL" in output


def test_no_colour_in_a_pipe_and_the_fixed_width():
    result = run_dpgcheck(*check_args(), env=clean_env())
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    assert "          No licence file at the repository root: add LICENSE with the full text of an open licence\n" in result.stdout


def test_force_color_colours_a_pipe_but_the_flag_wins():
    forced = run_dpgcheck(*check_args(), env=clean_env(FORCE_COLOR="1"))
    assert "\x1b[" in forced.stdout
    assert ANSI.sub("", forced.stdout) == run_dpgcheck(*check_args(), env=clean_env()).stdout
    assert "\x1b" not in run_dpgcheck(*check_args("--no-color"), env=clean_env(FORCE_COLOR="1")).stdout
    assert "\x1b" not in run_dpgcheck(*check_args(), env=clean_env(FORCE_COLOR="1", NO_COLOR="1")).stdout


def test_colour_never_reaches_a_file_or_a_machine_format(tmp_path):
    out = tmp_path / "report.txt"
    assert run_dpgcheck(*check_args("-o", out, "--color"), env=clean_env()).returncode == 1
    assert "\x1b" not in out.read_text(encoding="utf-8")
    code, output = run_in_pty(*check_args("--format", "json"))
    assert "\x1b" not in output
    json.loads(output)


def test_quiet_prints_nothing_and_keeps_the_exit_code(tmp_path):
    result = run_dpgcheck(*check_args("-q"))
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
    out = tmp_path / "report.json"
    result = run_dpgcheck(*check_args("--quiet", "--format", "json", "-o", out))
    assert (result.returncode, result.stdout) == (1, "")
    assert json.loads(out.read_text(encoding="utf-8"))["verdict"] == "fail"


def test_environment_variables_set_the_common_options():
    env = clean_env(DPGCHECK_FORMAT="json", DPGCHECK_FAIL_ON="never", DPGCHECK_PROFILE="dpg-standard")
    result = run_dpgcheck(*check_args(), env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["profile"], report["fail_on"]) == ("dpg-standard", "never")
    # Every option also has its DPGCHECK_<COMMAND>_<OPTION> name; the command line wins over both.
    result = run_dpgcheck(*check_args("--format", "text"), env=clean_env(DPGCHECK_CHECK_FAIL_ON="never", DPGCHECK_FORMAT="json"))
    assert result.returncode == 0
    assert result.stdout.startswith("dpgcheck 0.1.0")


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "_DPGCHECK_COMPLETE=bash_complete"), ("zsh", "#compdef dpgcheck"), ("fish", "_DPGCHECK_COMPLETE=fish_complete")],
)
def test_completion_scripts(shell, marker):
    result = run_dpgcheck("completion", shell)
    assert result.returncode == 0
    assert marker in result.stdout


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What the bash script would receive for ``words`` (the last word being completed)."""
    parts = words.split(" ")
    result = subprocess.run(
        [sys.executable, "-m", "dpgcheck"], capture_output=True, text=True, timeout=60,
        env=clean_env(_DPGCHECK_COMPLETE="bash_complete", COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1), **(env or {})),
    )
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_completion_offers_profiles_rules_and_levels(tmp_path):
    assert complete("dpgcheck check --profile dpg") == ["dpg-standard"]
    assert complete("dpgcheck check --severity readm") == ["readme="]
    assert complete("dpgcheck check --severity readme=w") == ["readme=warning"]
    assert "area:licensing" in complete("dpgcheck check --disable area:")
    assert complete("dpgcheck policy list --profile sus") == ["sustainable-use"]
    assert complete("dpgcheck ch") == ["check"]
    bundle = tmp_path / "gov"
    (bundle / "dpgcheck" / "profiles" / "national-procurement").mkdir(parents=True)
    (bundle / "dpgcheck" / "profiles" / "national-procurement" / "data.json").write_text('{"include": ["*"]}')
    assert complete(f"dpgcheck check --bundle {bundle} --profile nat") == ["national-procurement"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["check", "--format", "yaml", "."],
         "dpgcheck: error: --format: 'yaml' is not one of 'text', 'json', 'sarif', 'junit', 'markdown', 'github'; write one of them, e.g. --format text"),
        (["check", "--fail-on", "bogus", "."],
         "dpgcheck: error: --fail-on: 'bogus' is not one of 'error', 'warning', 'info', 'never'; write one of them, e.g. --fail-on error"),
        (["check", "--bundle", "/no/such/bundle", "."],
         "dpgcheck: error: /no/such/bundle: no such policy bundle directory; give --bundle a directory (or .tar.gz) that holds .rego files and data, or drop the option"),
        (["bundle", "build"], "dpgcheck: error: Missing option '-o' / '--output'; see `dpgcheck bundle build --help`"),
        (["chek", "."], "dpgcheck: error: No such command 'chek'. Did you mean 'check'? see `dpgcheck --help`"),
        (["completion", "tcsh"], "dpgcheck: error: shell: 'tcsh' is not one of 'bash', 'zsh', 'fish'; give one of: bash, zsh, fish"),
    ],
)
def test_usage_errors_are_one_line_naming_the_fix(args, line):
    result = run_dpgcheck(*args, env=clean_env())
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""


def test_bad_facts_and_unwritable_output_name_the_fix(tmp_path):
    # Error lines, not the terminal: the click command in this process (a real process pays
    # seconds to import jsonschema, whose format checkers compile grammars at import).
    run_dpgcheck = run_in_process_or_not
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run_dpgcheck("check", "--facts", bad)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"dpgcheck: error: {bad}: facts file is not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes); "
        "write it again with `dpgcheck facts PATH -o FILE`"
    ]
    facts = tmp_path / "facts.json"
    assert run_dpgcheck("facts", NON_COMPLIANT, "-o", facts).returncode == 0
    result = run_dpgcheck("check", "--facts", facts, "-o", "/no/such/dir/x.json", "--now", NOW)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "dpgcheck: error: /no/such/dir/x.json: cannot write here: the directory /no/such/dir does not exist; "
        "create it first or give -o a path in an existing directory"
    ]
