"""The command line: a thin click layer over :mod:`dpgcheck.commands`."""
from __future__ import annotations

from pathlib import Path

import click

from dpgcheck import __version__
from dpgcheck.cli_options import (
    ENGINE_CHOICE, FAIL_ON_CHOICE, FORMAT_CHOICE, PathType, _budget, _collect_options, _evaluation_clock, _parse_severity,
    with_budget_flags, with_collect_flags,
)
from dpgcheck.completion import SHELLS, complete_profiles, complete_selectors, complete_severity
from dpgcheck.error_handler import error_handler
from dpgcheck.errors import DpgcheckError

#: Every option can also be set as DPGCHECK_<COMMAND>_<OPTION> (e.g. DPGCHECK_CHECK_FORMAT); the common
#: ones of `check` have short names too (DPGCHECK_FORMAT, DPGCHECK_PROFILE, DPGCHECK_FAIL_ON, ...).
ENVVAR_PREFIX = "DPGCHECK"


@click.group(context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": ENVVAR_PREFIX})
@click.version_option(__version__, prog_name="dpgcheck")
def cli() -> None:
    """Check repositories and DPG registry records against the Digital Public Goods
    Standard, open-licensing rules and joint-governance principles.

    Exit codes: 0 pass, 1 findings at or above --fail-on, 2 usage or input error,
    3 internal error. Options can be set in the environment as DPGCHECK_<COMMAND>_<OPTION>
    (e.g. DPGCHECK_CHECK_ENGINE); see `dpgcheck completion --help` for shell completion.
    """


@cli.command()
@click.argument("path", type=PathType, required=False)
@with_collect_flags
@click.option("--facts", "facts_file", type=PathType, help="Evaluate a saved facts document instead of collecting.")
@click.option("--engine", type=ENGINE_CHOICE, default="regorus", show_default=True, envvar="DPGCHECK_ENGINE", show_envvar=True, help="Rego engine.")
@click.option("--format", "output_format", type=FORMAT_CHOICE, envvar="DPGCHECK_FORMAT", show_envvar=True, help="Report format (default: .dpgcheck.yaml's, else text).")
@click.option("-o", "--output", type=PathType, help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=FAIL_ON_CHOICE, envvar="DPGCHECK_FAIL_ON", show_envvar=True, help="Lowest severity that makes the run fail (default: the bundle's, error).")
@click.option("--profile", envvar="DPGCHECK_PROFILE", show_envvar=True, shell_complete=complete_profiles, help="Profile to apply (see `dpgcheck policy list --profile NAME`).")
@click.option("--disable", multiple=True, metavar="SELECTOR", shell_complete=complete_selectors, help="Switch off a rule, area:<area> or indicator:<n> (repeatable).")
@click.option("--severity", "severity", multiple=True, metavar="RULE=LEVEL", shell_complete=complete_severity, help="Override a rule's severity (repeatable).")
@click.option("--bundle", "bundles", multiple=True, metavar="PATH|URL", envvar="DPGCHECK_BUNDLE", show_envvar=True, help="An extra policy bundle (directory, .tar.gz or HTTPS URL), applied over the built-in one (repeatable; in the variable, separate them with spaces).")
@click.option("--bundle-ca", type=PathType, help="CA file to verify HTTPS bundle servers with (default: the system's CAs).")
@click.option("--allow-http", is_flag=True, help="Allow bundle URLs over plain HTTP (refused by default).")
@click.option("--offline", is_flag=True, help="Use cached copies of bundle URLs; never connect.")
@click.option("--no-builtin", is_flag=True, help="Do not load the built-in policies (only --bundle).")
@click.option("--now", help="Evaluation clock, RFC 3339 (default: the current UTC time). Pin it for reproducible runs.")
@click.option("--opa-url", envvar="DPGCHECK_OPA_URL", help="OPA server URL for --engine opa (default: start a local `opa run --server`).")
@click.option("--opa-token", envvar="DPGCHECK_OPA_TOKEN", help="Bearer token for the OPA server.")
@click.option("--opa-ca", type=PathType, help="CA bundle to verify the OPA server's TLS certificate.")
@click.option("--opa-cert", type=PathType, help="Client certificate for the OPA server.")
@click.option("--opa-key", type=PathType, help="Client key for the OPA server.")
@click.option("--opa-preloaded", is_flag=True, help="The OPA server already has the bundle: only query it.")
@click.option("--history-rules", "history_rules", type=click.Choice(["note", "enforce"]),
              help="With --staged: report rules that no commit can change (history, affiliations, activity) as notes (the default) or judge them as usual.")
@click.option("--color/--no-color", "color", default=None, help="Colour the text report (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it).")
@click.option("-q", "--quiet", is_flag=True, help="Print no report on standard output (the exit code gives the verdict; -o still writes the file).")
@click.option("--verification-key", "verification_keys", type=PathType, multiple=True, help="Public key (PEM) or HMAC secret file that bundle signatures must verify with (repeatable: key rotation).")
@click.option("--require-signature", is_flag=True, help="Refuse any --bundle that is not signed by a --verification-key.")
@with_budget_flags
def check(path, record, screening, sbom, affiliations, network, history_max_commits, staged, refuse_outside_git, facts_file, engine, output_format, output, fail_on,
          profile, disable, severity, bundles, bundle_ca, allow_http, offline, no_builtin, now, opa_url, opa_token, opa_ca, opa_cert, opa_key,
          opa_preloaded, verification_keys, require_signature, history_rules, color, quiet, eval_timeout, eval_memory) -> None:
    """Check PATH (default: the current directory) and report the findings."""
    with error_handler():
        import sys

        from dpgcheck import terminal
        from dpgcheck.bundle.loader import Verification
        from dpgcheck.bundle.remote import RemoteOptions
        from dpgcheck.commands.check import CheckRequest, check as run_check
        from dpgcheck.engine.opa_options import OpaServerOptions
        from dpgcheck.evaluate import RunOptions

        if sum(x is not None for x in (path, record, facts_file)) > 1:
            raise DpgcheckError("give one of PATH, --record or --facts")
        if staged and (record is not None or facts_file is not None):
            raise DpgcheckError("--staged reads a git repository's index: it does not go with --record or --facts")
        if history_rules and not staged:
            raise DpgcheckError("--history-rules applies to --staged runs (the pre-commit hook mode) only")
        request = CheckRequest(
            path=path,
            record=record,
            screening=screening,
            facts_file=facts_file,
            engine=engine,
            output_format=output_format,
            output=output,
            bundles=tuple(b if b.startswith(("https://", "http://")) else Path(b) for b in bundles),
            builtin=not no_builtin,
            # A registry record is judged against the DPG Standard unless another profile is asked for.
            run=RunOptions(profile=profile or ("dpg-standard" if record is not None else None), fail_on=fail_on, disabled=disable, severity=_parse_severity(severity),
                           now=_evaluation_clock(now), staged=staged, hook_history_rules=history_rules),
            collect=_collect_options(sbom, affiliations, network, history_max_commits, staged, refuse_outside_git),
            opa=OpaServerOptions(
                url=opa_url, token=opa_token, ca_bundle=str(opa_ca) if opa_ca else None,
                client_cert=str(opa_cert) if opa_cert else None, client_key=str(opa_key) if opa_key else None,
                preloaded=opa_preloaded,
            ),
            color=terminal.use_color(color, sys.stdout),
            width=terminal.width(sys.stdout),
            quiet=quiet,
            budget=_budget(eval_timeout, eval_memory),
            verification=Verification(keys=verification_keys, required=require_signature),
            remote=RemoteOptions(ca_file=bundle_ca, allow_http=allow_http, offline=offline),
        )
        raise SystemExit(run_check(request))


@cli.command()
@click.argument("path", type=PathType, required=False)
@with_collect_flags
@click.option("-o", "--output", type=PathType, help="Write the facts to FILE.")
@click.option("--schema", "print_schema", is_flag=True, help="Print the JSON Schema of the facts document instead.")
@click.option("--bundle", "bundles", type=PathType, multiple=True,
              help="Count the git history in the windows this overlay bundle's data names too (repeatable), for a judge that loads it.")
def facts(path, record, screening, sbom, affiliations, network, history_max_commits, staged, refuse_outside_git, output, print_schema, bundles) -> None:
    """Print the facts document (the policies' input) for PATH as JSON."""
    with error_handler():
        if print_schema:
            import json

            from dpgcheck.output import write_output
            from dpgcheck.schemas import facts_schema

            write_output(json.dumps(facts_schema(), indent=2, sort_keys=True), output)
            raise SystemExit(0)
        from dpgcheck.commands.facts import facts as run_facts

        if staged and record is not None:
            raise DpgcheckError("--staged reads a git repository's index: it does not go with --record")
        options = _collect_options(sbom, affiliations, network, history_max_commits, staged, refuse_outside_git)
        raise SystemExit(run_facts(path, record, screening, options, output, bundles))


@cli.group()
def policy() -> None:
    """The rule catalogue and the Rego unit tests."""


@policy.command("test")
@click.argument("directories", type=PathType, nargs=-1)
@click.option("--engine", type=click.Choice(["regorus", "opa-go"]), default="regorus", show_default=True)
@click.option("--no-builtin", is_flag=True, help="Test only the given directories, without the built-in policies.")
@click.option("--run", "run_pattern", default="*", help="Only tests whose package.name contains this pattern.")
@click.option("--coverage", is_flag=True, help="Report line coverage of the policies.")
@click.option("--threshold", type=float, help="Fail when coverage is below this percentage (with --coverage).")
@click.option("-v", "--verbose", is_flag=True, help="List every test, not only failures.")
@with_budget_flags
def policy_test(directories, engine, no_builtin, run_pattern, coverage, threshold, verbose, eval_timeout, eval_memory) -> None:
    """Run the Rego tests of the built-in policies and of DIRECTORIES."""
    with error_handler():
        from dpgcheck.commands.policy import policy_test as run

        raise SystemExit(run(directories, engine_name=engine, builtin=not no_builtin, run_pattern=run_pattern,
                             coverage=coverage, threshold=threshold, verbose=verbose, budget=_budget(eval_timeout, eval_memory)))


@policy.command("list")
@click.option("--bundle", "bundles", type=PathType, multiple=True, help="An extra policy bundle directory (repeatable).")
@click.option("--no-builtin", is_flag=True)
@click.option("--profile", shell_complete=complete_profiles, help="Only the rules this profile selects, at the severity it gives them.")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def policy_list(bundles, no_builtin, profile, as_json) -> None:
    """List the rule catalogue."""
    with error_handler():
        from dpgcheck.commands.policy import policy_list as run

        raise SystemExit(run(bundles, builtin=not no_builtin, profile=profile, as_json=as_json))


@policy.command("doc")
@click.option("--bundle", "bundles", type=PathType, multiple=True, help="An extra policy bundle directory (repeatable).")
@click.option("--no-builtin", is_flag=True, help="Document only the given bundles.")
@click.option("-o", "--output", type=PathType, help="Write the Markdown page to FILE (default: standard output).")
@click.option("--rules-dir", type=PathType, help="Write one page per rule (and an index) into DIR instead, e.g. docs/rules.")
@click.option("--check", is_flag=True, help="Exit 1 when FILE (-o) or the pages in --rules-dir differ from the generated ones.")
def policy_doc(bundles, no_builtin, output, rules_dir, check) -> None:
    """Write the rule catalogue as Markdown, from the rules' METADATA."""
    with error_handler():
        if rules_dir is not None:
            from dpgcheck.commands.rule_docs import rule_docs

            raise SystemExit(rule_docs(bundles, builtin=not no_builtin, directory=rules_dir, check=check))
        from dpgcheck.commands.policy_doc import policy_doc as run

        raise SystemExit(run(bundles, builtin=not no_builtin, output=output, check=check))


@cli.group()
def bundle() -> None:
    """Make, sign, verify and inspect policy bundles (government overlays, OPA server bundles)."""


SIGNING_ALG_CHOICE = click.Choice(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512"])


@bundle.command("build")
@click.option("--bundle", "bundles", type=PathType, multiple=True, help="An extra policy bundle to include (repeatable).")
@click.option("--no-builtin", is_flag=True)
@click.option("--overlay", type=PathType, help="Build this overlay's own tarball (checked over the base, its tests run) instead of an OPA server bundle.")
@click.option("--signing-key", type=PathType, help="With --overlay: sign the tarball with this private key (PEM) or HMAC secret.")
@click.option("--signing-alg", type=SIGNING_ALG_CHOICE, default="RS256", show_default=True)
@click.option("--key-id", help="Key id (JWT kid) to record in the signature.")
@click.option("-o", "--output", type=PathType, required=True, help="Where to write the .tar.gz bundle.")
def bundle_build(bundles, no_builtin, overlay, signing_key, signing_alg, key_id, output) -> None:
    """Write an OPA bundle (policies, data and rule catalogue) for `opa run --server`, or an overlay's tarball."""
    with error_handler():
        if overlay is not None:
            from dpgcheck.commands.bundle import build_overlay

            raise SystemExit(build_overlay(overlay, output, signing_key=signing_key, algorithm=signing_alg, key_id=key_id))
        from dpgcheck.bundle.build import build_bundle
        from dpgcheck.bundle.loader import load_policies

        policy_set = load_policies(bundles, include_builtin=not no_builtin)
        try:
            build_bundle(policy_set, output)
        except OSError as exc:
            raise DpgcheckError(f"cannot write the bundle: {exc.strerror or exc}; give -o a path in an existing, writable directory", path=str(output)) from None
        click.echo(f"wrote {output}: {len(policy_set.modules)} modules, {len(policy_set.catalog)} rules, revision {policy_set.revision}")
        raise SystemExit(0)


@bundle.command("sign")
@click.argument("path", type=PathType)
@click.option("--signing-key", type=PathType, required=True, help="Private key (PEM) for RS/PS/ES, or a file holding the HMAC secret for HS.")
@click.option("--signing-alg", type=SIGNING_ALG_CHOICE, default="RS256", show_default=True)
@click.option("--key-id", help="Key id (JWT kid) to record in the signature.")
def bundle_sign(path, signing_key, signing_alg, key_id) -> None:
    """Write OPA's .signatures.json into the bundle PATH (a directory or .tar.gz)."""
    with error_handler():
        from dpgcheck.commands.bundle import bundle_sign as run

        raise SystemExit(run(path, signing_key, algorithm=signing_alg, key_id=key_id))


@bundle.command("verify")
@click.argument("path", type=PathType)
@click.option("--verification-key", "keys", type=PathType, multiple=True, help="Public key (PEM) or HMAC secret file (repeatable).")
def bundle_verify(path, keys) -> None:
    """Check PATH's signature, that its files are exactly those signed, and every hash."""
    with error_handler():
        from dpgcheck.commands.bundle import bundle_verify as run

        raise SystemExit(run(path, keys))


@bundle.command("inspect")
@click.argument("path", type=PathType)
@click.option("--verification-key", "keys", type=PathType, multiple=True, help="Verify the signature with this key (repeatable).")
@click.option("--json", "as_json", is_flag=True)
def bundle_inspect(path, keys, as_json) -> None:
    """Show a bundle's manifest, roots, rules and profiles added, data paths, overrides and signature status."""
    with error_handler():
        from dpgcheck.commands.bundle import bundle_inspect as run

        raise SystemExit(run(path, keys, as_json=as_json))


@bundle.command("init")
@click.argument("directory", type=PathType)
@click.option("--namespace", required=True, help="The bundle's namespace: 2-16 lower-case letters and digits (e.g. de).")
@click.option("--name", help="The bundle's name (default: DIRECTORY's name).")
@click.option("--publisher", default="", help="The public body publishing the bundle.")
@click.option("--jurisdiction", default="", help="Where the bundle applies (e.g. DE).")
def bundle_init(directory, namespace, name, publisher, jurisdiction) -> None:
    """Scaffold a government bundle: manifest, one example rule with its test, a profile."""
    with error_handler():
        from dpgcheck.commands.bundle_init import bundle_init as run

        raise SystemExit(run(directory, namespace=namespace, name=name, publisher=publisher, jurisdiction=jurisdiction))


@cli.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell) -> None:
    """Print the completion script for SHELL (bash, zsh or fish).

    It completes commands, options, profile names, rule ids and selectors.

    \b
    bash:  eval "$(dpgcheck completion bash)"          (in ~/.bashrc)
    zsh:   eval "$(dpgcheck completion zsh)"           (in ~/.zshrc)
    fish:  dpgcheck completion fish > ~/.config/fish/completions/dpgcheck.fish
    """
    with error_handler():
        from dpgcheck.completion import script

        click.echo(script(cli, shell))
        raise SystemExit(0)


from dpgcheck.batch.cli import batch  # noqa: E402 - registered after the commands above

cli.add_command(batch)


def main(argv: list[str] | None = None) -> None:
    """The console script: click parses, the error handler turns every input error into one line."""
    with error_handler():
        code = cli.main(args=argv, prog_name="dpgcheck", standalone_mode=False)
    raise SystemExit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
