"""Person ids that outlive the files: derived from who a person is, not from row order.

A person's identity is their id (person or beneficiary id) or, without one, their folded
name, sex and the first birth year of their cluster. With a programme secret (`[identity]
secret`, which `ctipcalc init` writes), the id shown is a keyed hash of that identity
(HMAC-SHA256, base32): the same people keep the same ids when files are added, removed or
reordered, and nobody holding only the outputs can test a guessed name against them.
Without a secret, people are numbered in order of first appearance (P0001 …): not
guessable either, but renumbered when the inputs change.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

import numpy as np
import pandas as pd

#: Pseudonymous keys: P… for people in attendance records, B… for beneficiaries.
PERSON_PREFIX = {"attendance": "P", "livelihood": "B"}
#: Base32 characters of a keyed id: 50 bits, so that a million people very rarely share
#: one (a clash is detected and those ids are lengthened).
ID_LENGTH = 10
SEP = "\x1f"


def identity_of_id(kind: str, column: str, key: str) -> str:
    return SEP.join(("id", kind, column, key))


def identity_of_name(name_key: str, sex: str, birth_year: float | None) -> str:
    year = "" if birth_year is None or birth_year != birth_year else f"{birth_year:g}"
    return SEP.join(("name", name_key, sex, year))


def identity_of_unplaced(name_key: str, sex: str, context: str) -> str:
    """Records with no birth year whose name belongs to several people (a decision may
    say which): one identity per name, sex and event (or file)."""
    return SEP.join(("unplaced", name_key, sex, context))


def keyed_labels(identities: list[str], secret: str, prefix: str) -> list[str]:
    """`prefix-XXXXXXXXXX` for each identity: a keyed hash, lengthened where two clash."""
    key = secret.encode("utf-8")

    def digest(identity: str) -> str:
        raw = hmac.new(key, identity.encode("utf-8"), hashlib.sha256).digest()
        return base64.b32encode(raw).decode("ascii").rstrip("=")
    full = [digest(i) for i in identities]
    labels = [f"{prefix}-{d[:ID_LENGTH]}" for d in full]
    seen: dict[str, int] = {}
    for n, label in enumerate(labels):
        if label in seen and identities[seen[label]] != identities[n]:
            # Two identities, one short id: both get the whole digest.
            labels[n] = f"{prefix}-{full[n]}"
            labels[seen[label]] = f"{prefix}-{full[seen[label]]}"
        seen.setdefault(label, n)
    return labels


def numbered_labels(n: int, prefix: str) -> list[str]:
    """P0001 … in order of first appearance (no secret)."""
    width = max(4, len(str(n)))
    return [f"{prefix}{k:0{width}d}" for k in range(1, n + 1)]


def person_labels(persons: pd.Series, prefix: str = "P") -> pd.Series:
    """Pseudonymous keys (P0001 …) for 0-based person numbers."""
    width = max(4, len(str(int(persons.max()) + 1))) if len(persons) else 4
    return prefix + (persons.astype("int64") + 1).astype(str).str.zfill(width)


def labels_by_person(identities: np.ndarray, secret: str | None, prefix: str) -> list[str]:
    """The label of each person (`identities[person]`)."""
    if secret:
        return keyed_labels([str(i) for i in identities], secret, prefix)
    return numbered_labels(len(identities), prefix)
