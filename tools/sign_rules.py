"""Maintainers only: make a signing key, and sign a rule bundle so ShipDesk will import it.

A user's ShipDesk imports a rule bundle only when its ``MANIFEST.json`` is signed with one of the
keys listed in ``resources/keys/rules_signing.toml``. The private key lives with the
maintainers, off the repository (a password manager or an offline medium). Key files are read
and written with ``cryptography`` (``pip install -e .[sign]``; the test extra has it too)::

    python tools/sign_rules.py keygen --out ~/keys/shipdesk-rules-2027.pem   # asks a password
    python tools/sign_rules.py sign path/to/bundle --key ~/keys/shipdesk-rules-2027.pem
    python tools/sign_rules.py verify path/to/bundle
    python tools/sign_rules.py sign path/to/duties --duties --key ...  # a duty data bundle

``keygen`` prints the ``[[keys]]`` table to add to the keys file (then release the app);
``sign`` validates the rule folder, rewrites its manifest and writes ``MANIFEST.sig``; ``verify``
checks a signed bundle against the shipped keys. The password is read from the terminal, or from
the environment variable named by ``--password-env`` (for a signing machine without a terminal).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shipdesk.core.duties import bundle as duty_bundle  # noqa: E402
from shipdesk.core.errors import DataError  # noqa: E402
from shipdesk.core.screening import signing  # noqa: E402
from shipdesk.core.screening.bundle import verify_manifest, write_manifest  # noqa: E402


def _password(args: argparse.Namespace, confirm: bool = False) -> bytes | None:
    if args.no_password:
        return None
    if args.password_env:
        value = os.environ.get(args.password_env, "")
        if not value:
            raise DataError(f"the environment variable {args.password_env} is empty")
        return value.encode("utf-8")
    first = getpass.getpass("key password: ")
    if confirm and getpass.getpass("again: ") != first:
        raise DataError("the passwords differ")
    return first.encode("utf-8") or None


def _keygen(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.exists():
        raise DataError(f"{out}: exists already (a key is never overwritten)")
    try:
        out.resolve().relative_to(ROOT)
    except ValueError:
        pass
    else:
        raise DataError(f"{out}: inside the repository; keep private keys outside it")
    key = signing.generate_private_key()
    pem = signing.private_key_pem(key, _password(args, confirm=True))
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public = key.public_key()
    print(f"wrote the private key {out} (keep it off the repository)")
    print("add this table to resources/keys/rules_signing.toml:\n")
    print("[[keys]]")
    print(f'id = "{signing.key_id(public)}"')
    print('algorithm = "ed25519"')
    print(f'public_key = "{signing.public_text(public)}"')
    print(f"added = {date.today().isoformat()}")
    print('owner = "ShipDesk maintainers"')
    return 0


def _sign(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    key = signing.load_private_key(Path(args.key).expanduser(), _password(args))
    manifest = duty_bundle.write_manifest(folder) if args.duties else write_manifest(folder)
    sig = signing.sign_folder(folder, key)
    kid = signing.key_id(key.public_key())
    trusted = kid in signing.shipped_keys()
    print(f"wrote {manifest} and {sig} (key {kid})")
    if not trusted:
        print(f"note: key {kid} is not in resources/keys/rules_signing.toml", file=sys.stderr)
    return 0


def _verify(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if args.duties:
        duty_bundle.verify(folder)
    else:
        verify_manifest(folder)
    kid = signing.verify_folder(folder)
    print(f"{folder}: signed by {kid}, every file matches the manifest")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="action", required=True)
    kg = sub.add_parser("keygen", help="make a new Ed25519 signing key (private key file)")
    kg.add_argument("--out", required=True, help="where to write the private key (PEM)")
    sg = sub.add_parser("sign", help="rewrite the manifest of a rule folder and sign it")
    sg.add_argument("folder")
    sg.add_argument("--key", required=True, help="the private key file (PEM)")
    vf = sub.add_parser("verify", help="check a signed bundle against the shipped keys")
    vf.add_argument("folder")
    for p in (sg, vf):
        p.add_argument(
            "--duties",
            action="store_true",
            help="a duty data folder (resources/duties layout; keeps its manifest's version)",
        )
    for p in (kg, sg):
        p.add_argument("--no-password", action="store_true", help="key file without password")
        p.add_argument("--password-env", metavar="NAME", help="read the password from $NAME")
    kg.set_defaults(func=_keygen)
    sg.set_defaults(func=_sign)
    vf.set_defaults(func=_verify)
    args = ap.parse_args(argv)
    try:
        return int(args.func(args))
    except (DataError, OSError) as exc:
        print(f"sign_rules: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
