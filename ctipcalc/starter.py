"""The starter ctipcalc.toml written by `ctipcalc init`."""

from __future__ import annotations

from importlib import resources

HEADER = """\
# ctipcalc.toml — this programme's counting rules.
#
# ctipcalc reads this file from the current folder (or from --config FILE). It
# extends the packaged defaults: this starter copy reproduces them exactly, so
# you can edit what you need and delete the rest.
#   - [headers] / [vocab.*] / [honorifics]: lists are ADDED to the defaults.
#     Example: a column headed "Gender of participant" →
#         [headers]
#         sex = ["gender of participant"]
#     Example: a topic typed "TIP law" counted as the plan of action →
#         [vocab.topic]
#         tip_plan_of_action = ["tip law"]
#   - [settings]: each value given here replaces the default.
#   - [[indicators]]: an entry with the code of a default indicator replaces it;
#     a new code adds an indicator; `disabled = true` removes one.
#   - [kinds]: force the kind of files whose name matches a pattern, e.g.
#         [kinds]
#         "*followup*" = "livelihood"
#   - [identity] secret: this programme's own secret, written for you. It keeps
#     person ids the same from run to run and impossible to guess from a name.
#     Keep this file; never paste the secret into a report.
#
# ---------------------------------------------------------------------------
"""


def starter_config(secret: str | None = None) -> str:
    """The commented starter config: the packaged defaults with an explanation, and a
    new programme secret (random unless given) that makes person ids stable."""
    import secrets

    defaults = resources.files("ctipcalc").joinpath("defaults.toml").read_text(encoding="utf-8")
    secret = secret or secrets.token_urlsafe(24)
    defaults = defaults.replace('\nsecret = ""\n', f'\nsecret = "{secret}"\n', 1)
    body = "\n".join(line for line in defaults.splitlines()
                     if not line.startswith("# ctipcalc's packaged defaults")
                     and not line.startswith("# lists of synonyms")
                     and not line.startswith("# indicator with the same code replaces"))
    return HEADER + body.lstrip("\n") + ("\n" if not body.endswith("\n") else "")
