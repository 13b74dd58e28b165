"""Rules as data: the packaged defaults.toml, extended by a user's ctipcalc.toml."""

from __future__ import annotations

import copy
import fnmatch
import itertools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .schema import BY_NAME, DIMENSIONS, FIELDS, INDICATOR_KINDS, KINDS, SEXES
from .text import header_key, nospace, one_of, vocab_key

USER_CONFIG_NAME = "ctipcalc.toml"
COUNTS = ("persons", "records", "events", "rate", "households", "household_members", "value")
UNITS = ("persons", "records", "events", "percent", "households", "LAK")
#: What each count of a distribution list gives by default.
_COUNT_UNITS = {"rate": "percent", "households": "households", "household_members": "persons",
                "value": "LAK"}


@dataclass(frozen=True)
class Indicator:
    """One indicator, as a Performance Indicator Reference Sheet defines it."""

    code: str
    name: str
    unit: str
    kind: str
    count: str
    where: dict[str, tuple] = field(default_factory=dict)
    require_any: tuple[str, ...] = ()
    of: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    status_rule: str | None = None
    date_field: str | None = None
    disaggregate: tuple[str, ...] = ()
    description: str = ""
    #: The indicator's name in Lao (`--lang lo`); blank: the English name.
    name_lo: str = ""

    def describe(self) -> str:
        """The counting rule in plain words."""
        if self.count == "rate":
            return f"{self.numerator} ÷ {self.denominator} × 100, one decimal"
        what = {"persons": "unique persons", "records": "records",
                "events": "distinct events", "households": "unique households",
                "household_members": "the sizes of unique households, summed",
                "value": "values in kip, summed"}[self.count]
        parts = [f"{what} in {self.kind} records"]
        for fld, values in self.where.items():
            parts.append(f"{fld} in ({', '.join(map(str, values))})")
        if self.require_any:
            parts.append(f"with {' or '.join(self.require_any)} recorded")
        if self.of:
            parts.append(f"among the persons of {self.of} (any date)")
        if self.status_rule:
            parts.append(f"status rule: {self.status_rule}")
        return "; ".join(parts)


@dataclass
class Config:
    """Everything ctipcalc needs to read and count; built by `load_config`."""

    raw: dict[str, Any]
    sources: list[str]
    settings: dict[str, Any]
    header_fields: dict[str, tuple[str, ...]]
    #: Every header synonym as typed, lower-cased (a quick test for header rows).
    header_texts: frozenset[str]
    ignored_headers: frozenset[str]
    vocab: dict[str, dict[str, str]]
    vocab_canonical: dict[str, tuple[str, ...]]
    vocab_strip: dict[str, tuple[str, ...]]
    null_tokens: frozenset[str]
    null_tokens_raw: frozenset[str]
    honorifics: dict[str, tuple[str, ...]]
    #: Words of a heading over an event's facilitators (vocab keys).
    facilitator_words: tuple[str, ...]
    indicators: list[Indicator]
    kind_overrides: dict[str, str]
    #: [identity]: the programme secret, the decisions file (a path), what a record
    #: without age is recognised by.
    identity: dict[str, Any] = field(default_factory=dict)
    #: Lao letters romanised (to list one name typed in two scripts for review).
    transliteration: dict[str, str] = field(default_factory=dict)
    #: `facilitator_words` as one pattern, compiled on first use.
    facilitator_pattern: re.Pattern | None = None
    #: The report's words per language and group ([labels.en.sex] female = "Female").
    labels: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    #: The programme's header on the report ([report]: programme, organisation, donor …).
    report: dict[str, str] = field(default_factory=dict)
    #: [distribution.items]: item name → {unit, unit_value, currency, aliases}.
    distribution_items: dict[str, dict[str, Any]] = field(default_factory=dict)

    # --- lookups -------------------------------------------------------
    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code.casefold() == code.casefold():
                return ind
        known = ", ".join(i.code for i in self.indicators)
        raise ConfigError(f"unknown indicator {code!r}", hint=f"use one of: {known}")

    def category(self, fld: str, text: str) -> str | None:
        """The category a word names for `fld` through its vocabulary (any case, spacing
        and punctuation, English or Lao aliases; the words `vocab_options.strip` names,
        such as "province", left out), or None. Cells and a user's filters both go
        through here."""
        lookup = self.vocab.get(fld, {})
        key = vocab_key(text)
        found = lookup.get(key) or lookup.get(nospace(key))
        strip = self.vocab_strip.get(fld, ())
        if found is None and strip:
            shorter = " ".join(w for w in key.split(" ") if w not in strip)
            for s in strip:  # Lao prefixes are written without a space
                if shorter.startswith(s):
                    shorter = shorter[len(s):].strip()
            found = lookup.get(shorter) or lookup.get(nospace(shorter))
        return found

    def user_category(self, fld: str, word: str) -> str | None:
        """The category a user's word (a filter, a config value) names for `fld`: its
        vocabulary's, a category's own name, or "other"/"unknown"; None if none."""
        accepted = self.categories(fld) if fld != "sex" else list(SEXES)
        folded = {vocab_key(c): c for c in accepted}
        folded.update({nospace(k): c for k, c in list(folded.items())})
        key = vocab_key(word)
        return self.category(fld, word) or folded.get(key) or folded.get(nospace(key))

    def names_facilitators(self, text: str) -> bool:
        """Whether a heading or a role names facilitators, trainers or resource persons
        (`facilitator_headings`: Latin words as words, "trainee" is not "trainer"; Lao,
        written without spaces, anywhere)."""
        if self.facilitator_pattern is None:
            latin = [re.escape(w) for w in self.facilitator_words if w.isascii()]
            lao = [re.escape(w) for w in self.facilitator_words if not w.isascii()]
            parts = ([rf"(?<![a-z])(?:{'|'.join(latin)})(?![a-z])"] if latin else []) + lao
            self.facilitator_pattern = re.compile("|".join(parts) or r"(?!)")
        return self.facilitator_pattern.search(vocab_key(text)) is not None

    def kind_for(self, display_path: str) -> str | None:
        """The kind forced for a file by the config's [kinds] table, if any."""
        name = Path(display_path).name
        for pattern, kind in self.kind_overrides.items():
            if fnmatch.fnmatch(display_path, pattern) or fnmatch.fnmatch(name, pattern):
                return kind
        return None

    def age_labels(self) -> list[str]:
        return [*age_band_labels(self.settings["age_bands"]), "unknown"]

    def categories(self, dimension: str) -> list[str]:
        """Categories always listed for a dimension (zeros included), in report order."""
        if dimension == "sex":
            return list(SEXES)
        if dimension == "age_group":
            return self.age_labels()
        if dimension == "female_headed":
            return ["yes", "no", "unknown"]
        if dimension in self.vocab_canonical:
            cats = list(self.vocab_canonical[dimension])
            if dimension == "province":
                return [*cats, "other", "unknown"]
            return [*[c for c in cats if c not in ("other", "unknown")], "other", "unknown"]
        return []


def age_band_labels(bands: list[int]) -> list[str]:
    """[18, 25, 35, 50] → ['<18', '18–24', '25–34', '35–49', '50+']."""
    labels = [f"<{bands[0]}"]
    labels += [f"{lo}–{hi - 1}" for lo, hi in itertools.pairwise(bands)]
    labels.append(f"{bands[-1]}+")
    return labels


def _default_data() -> dict[str, Any]:
    text = resources.files("ctipcalc").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


#: The sections a ctipcalc.toml may have, and the keys an [[indicators]] entry may have.
SECTIONS = ("settings", "headers", "vocab", "vocab_options", "honorifics", "indicators",
            "kinds", "null_tokens", "identity", "transliteration", "labels", "report",
            "distribution")
INDICATOR_KEYS = ("code", "name", "unit", "kind", "count", "where", "require_any", "of",
                  "numerator", "denominator", "status_rule", "date_field", "disaggregate",
                  "description", "disabled", "name_lo")
#: Languages of the report's words ([labels.en], [labels.lo]).
LANGUAGES = ("en", "lo")
#: The programme's header on the report ([report]).
REPORT_KEYS = ("programme", "organisation", "donor", "award", "prepared_by", "logo")


def _check_keys(base: dict[str, Any], user: dict[str, Any], source: str) -> None:
    """A misspelt section or key is an error naming the closest known one: ignored, it
    would leave a rule silently unapplied."""
    def unknown(what: str, key: str, known) -> ConfigError:
        shown = key if key.startswith("[") else repr(key)
        return ConfigError(f"unknown {what} {shown}", file=source,
                           hint=one_of(key, known) + " — see docs/configuration.md")

    for section, value in user.items():
        if section not in SECTIONS:
            raise unknown("section", f"[{section}]", [f"[{s}]" for s in SECTIONS])
        if section in ("settings", "headers", "vocab", "vocab_options", "honorifics",
                       "identity") \
                and not isinstance(value, dict):
            raise ConfigError(f"[{section}] must be a table", file=source,
                              hint=f"write [{section}] on its own line, then key = value lines")
    for key in user.get("settings", {}):
        if key not in base["settings"]:
            raise unknown("setting", key, base["settings"])
    for key in user.get("identity", {}):
        if key not in base["identity"]:
            raise unknown("[identity] key", key, base["identity"])
    report = user.get("report", {})
    if not isinstance(report, dict):
        raise ConfigError("[report] must be a table", file=source,
                          hint='write [report] on its own line, then programme = "…" lines')
    for key, value in report.items():
        if key not in REPORT_KEYS:
            raise unknown("[report] key", key, REPORT_KEYS)
        if not isinstance(value, str):
            raise ConfigError(f"[report] {key} must be text", file=source,
                              hint=f'write {key} = "…" in quotes')
    labels = user.get("labels", {})
    if not isinstance(labels, dict):
        raise ConfigError("[labels] must be tables", file=source,
                          hint='write [labels.en.sex] then female = "Women"')
    for lang, groups in labels.items():
        if lang not in LANGUAGES:
            raise unknown("[labels] language", lang, LANGUAGES)
        for group, words in groups.items() if isinstance(groups, dict) else ():
            if group not in base["labels"]["en"]:
                raise unknown(f"[labels.{lang}] group", group, base["labels"]["en"])
            if not isinstance(words, dict) or not all(isinstance(w, str)
                                                      for w in words.values()):
                raise ConfigError(f"[labels.{lang}.{group}] must be key = \"text\" lines",
                                  file=source, hint=f'write [labels.{lang}.{group}] then '
                                                    'code = "Label"')
    fields = [f.name for f in FIELDS]
    for key in user.get("headers", {}):
        if key not in fields and key != "ignore":
            raise unknown("[headers] field", key, [*fields, "ignore"])
    vocab_fields = list(dict.fromkeys([*base["vocab"], *(f.name for f in FIELDS
                                                         if f.type == "category")]))
    for fld, table in user.get("vocab", {}).items():
        if fld not in vocab_fields:
            raise unknown("[vocab] field", fld, vocab_fields)
        if not isinstance(table, dict):
            raise ConfigError(f"[vocab.{fld}] must be a table of category = [aliases]",
                              file=source, hint=f'write [vocab.{fld}] then e.g. name = ["alias"]')
        if fld == "sex":
            for key in table:
                if key not in ("female", "male"):
                    raise unknown("sex", key, ["female", "male"])
    for fld, options in user.get("vocab_options", {}).items():
        if fld not in vocab_fields:
            raise unknown("[vocab_options] field", fld, vocab_fields)
        for key in options if isinstance(options, dict) else ():
            if key != "strip":
                raise unknown(f"[vocab_options.{fld}] key", key, ["strip"])
    for key in user.get("honorifics", {}):
        if key not in base["honorifics"]:
            raise unknown("[honorifics] group", key, base["honorifics"])
    for ind in user.get("indicators", []) if isinstance(user.get("indicators"), list) else []:
        for key in ind if isinstance(ind, dict) else ():
            if key not in INDICATOR_KEYS:
                raise unknown(f"key of indicator {ind.get('code', '?')}", key, INDICATOR_KEYS)


def _merge(base: dict[str, Any], user: dict[str, Any], source: str) -> dict[str, Any]:
    _check_keys(base, user, source)
    merged = copy.deepcopy(base)
    for section, value in user.items():
        if section == "indicators":
            if not isinstance(value, list):
                raise ConfigError("[[indicators]] must be an array of tables", file=source,
                                  hint="write each indicator under its own [[indicators]] line")
            by_code = {ind["code"]: i for i, ind in enumerate(merged["indicators"])}
            for ind in value:
                code = ind.get("code")
                if not code:
                    raise ConfigError("an [[indicators]] entry has no code", file=source,
                                      hint='add code = "XX-1"')
                if ind.get("disabled"):
                    merged["indicators"] = [i for i in merged["indicators"] if i["code"] != code]
                    by_code = {i["code"]: n for n, i in enumerate(merged["indicators"])}
                elif code in by_code:
                    merged["indicators"][by_code[code]] = ind
                else:
                    merged["indicators"].append(ind)
                    by_code[code] = len(merged["indicators"]) - 1
        elif section in ("headers", "honorifics"):
            for key, items in value.items():
                merged.setdefault(section, {}).setdefault(key, [])
                merged[section][key] = list(merged[section][key]) + list(_as_list(items))
        elif section == "vocab":
            for fld, table in value.items():
                target = merged["vocab"].setdefault(fld, {})
                for key, items in table.items():
                    target[key] = list(target.get(key, [])) + list(_as_list(items))
        elif section == "distribution":
            merged.setdefault("distribution", {})
            for key, item in value.items():
                if key == "items" and isinstance(item, dict):
                    merged["distribution"].setdefault("items", {}).update(item)
                else:
                    merged["distribution"][key] = item
        elif section == "labels":
            for lang, groups in value.items():
                for group, words in groups.items():
                    merged["labels"].setdefault(lang, {}).setdefault(group, {}).update(words)
        elif section in ("settings", "vocab_options", "kinds", "identity", "transliteration",
                         "report"):
            merged.setdefault(section, {})
            for key, item in value.items():
                if section == "settings" and key in ("null_tokens", "id_placeholders",
                                                     "facilitator_headings"):
                    # added to, like every list of words
                    item = list(merged[section].get(key, [])) + list(_as_list(item))
                merged[section][key] = item
        elif section == "null_tokens":
            merged["settings"]["null_tokens"] = list(merged["settings"].get("null_tokens", [])) + \
                list(_as_list(value))
        else:
            raise ConfigError(f"unknown section [{section}]", file=source,
                              hint="see `ctipcalc init` for the sections a config may have")
    return merged


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)\s*$", re.I)


def parse_size(text: str | int) -> int:
    """'1GiB', '500MB', 1024 → bytes."""
    if isinstance(text, int):
        return text
    m = _SIZE.match(str(text))
    if not m:
        raise ConfigError(f"cannot read size {text!r}", hint="write it like 1GiB or 500MiB")
    number, unit = float(m.group(1)), m.group(2).lower()
    power = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}[unit[:1] if unit else ""]
    return int(number * 1024**power)


def load_config(path: str | Path | None = None, *, search_cwd: bool = True) -> Config:
    """Packaged defaults, extended by `path` or by ./ctipcalc.toml when it exists."""
    data = _default_data()
    sources = ["defaults"]
    user_path: Path | None = Path(path) if path else None
    if user_path is None and search_cwd and Path(USER_CONFIG_NAME).is_file():
        user_path = Path(USER_CONFIG_NAME)
    if user_path is not None:
        if not user_path.is_file():
            raise ConfigError("config file not found", file=str(user_path),
                              hint="check the path given to --config, or run `ctipcalc init`")
        try:
            user = tomllib.loads(user_path.read_text(encoding="utf-8-sig"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML ({exc})", file=str(user_path),
                              hint="fix the line named, or compare with `ctipcalc init`") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config ({exc.__class__.__name__})",
                              file=str(user_path), hint="save it as UTF-8 text") from None
        data = _merge(data, user, str(user_path))
        sources.append(str(user_path))
    return build_config(data, sources)


def build_config(data: dict[str, Any], sources: list[str] | None = None) -> Config:
    """Validate merged TOML data and build the lookup tables."""
    source = (sources or ["defaults"])[-1]
    settings = dict(data.get("settings", {}))
    raw_tokens = settings.pop("null_tokens", [])
    null_tokens = frozenset(vocab_key(t) for t in raw_tokens) | {""}
    null_tokens_raw = frozenset(str(t).strip().casefold() for t in raw_tokens) | {""}
    _check_settings(settings, source)

    header_fields: dict[str, list[str]] = {}
    header_texts: set[str] = set()
    headers = data.get("headers", {})
    ignored = frozenset(header_key(h) for h in headers.get("ignore", []))
    for fld, synonyms in headers.items():
        if fld == "ignore":
            continue
        for syn in [fld, *_as_list(synonyms)]:
            header_texts.add(str(syn).strip().lower())
            key = header_key(syn)
            fields = header_fields.setdefault(key, [])
            if fld not in fields:
                fields.append(fld)

    vocab: dict[str, dict[str, str]] = {}
    vocab_canonical: dict[str, tuple[str, ...]] = {}
    for fld, table in data.get("vocab", {}).items():
        lookup: dict[str, str] = {}
        for canonical, aliases in table.items():
            # The key itself, with underscores read as spaces, is always an alias.
            for alias in [canonical, canonical.replace("_", " "), *_as_list(aliases)]:
                key = vocab_key(alias)
                lookup.setdefault(key, canonical)
                lookup.setdefault(nospace(key), canonical)
        vocab[fld] = lookup
        vocab_canonical[fld] = tuple(table)
    strip = {fld: tuple(vocab_key(w) for w in opts.get("strip", []))
             for fld, opts in data.get("vocab_options", {}).items()}

    honorifics = {sex: tuple(sorted({vocab_key(h) for h in _as_list(items)}, key=len, reverse=True))
                  for sex, items in data.get("honorifics", {}).items()}

    indicators = [_indicator(ind, source) for ind in data.get("indicators", [])]
    codes = {i.code for i in indicators}
    for ind in indicators:
        for ref in (ind.of, ind.numerator, ind.denominator):
            if ref and ref not in codes:
                raise ConfigError(f"indicator {ind.code} refers to unknown indicator {ref!r}",
                                  file=source, hint="define it, or fix the code")
    kinds = {}
    for pattern, kind in data.get("kinds", {}).items():
        kind = _KIND_WORDS.get(vocab_key(kind), kind)
        if kind not in KINDS:
            raise ConfigError(f"[kinds] {pattern!r} = {kind!r} is not a sheet kind", file=source,
                              hint=one_of(kind, KINDS))
        kinds[pattern] = kind
    config = Config(raw=data, sources=list(sources or ["defaults"]), settings=settings,
                  header_fields={k: tuple(v) for k, v in header_fields.items()},
                  header_texts=frozenset(header_texts), ignored_headers=ignored, vocab=vocab, vocab_canonical=vocab_canonical,
                  vocab_strip=strip, null_tokens=null_tokens, null_tokens_raw=null_tokens_raw,
                  honorifics=honorifics,
                  facilitator_words=tuple(vocab_key(w) for w in
                                          settings.get("facilitator_headings", [])),
                  indicators=indicators, kind_overrides=kinds)
    config.indicators = [_resolve_where(ind, config, source) for ind in indicators]
    config.identity = _identity(data.get("identity", {}), sources or ["defaults"])
    config.transliteration = {str(k): str(v) for k, v in data.get("transliteration", {}).items()}
    config.labels = data.get("labels", {})
    config.report = {k: v for k, v in data.get("report", {}).items() if v}
    source = (sources or ["defaults"])[-1]
    logo = config.report.get("logo")
    if logo and not Path(logo).is_absolute() and source != "defaults":
        config.report["logo"] = str(Path(source).parent / logo)  # beside ctipcalc.toml
    config.distribution_items = _distribution_items(data.get("distribution", {}), source)
    return config


def _distribution_items(data: dict[str, Any], source: str) -> dict[str, dict[str, Any]]:
    """[distribution.items]: `"Rice 25 kg" = { unit = "bag", unit_value = 250000,
    currency = "LAK", aliases = ["ເຂົ້າສານ"] }` — the items a wide distribution list has a
    column for, and what one unit is worth."""
    for key in data:
        if key != "items":
            raise ConfigError(f"unknown [distribution] key {key!r}", file=source,
                              hint="use [distribution.items] — see docs/configuration.md")
    items = {}
    for name, spec in (data.get("items") or {}).items():
        spec = spec if isinstance(spec, dict) else {"unit_value": spec}
        for key in spec:
            if key not in ("unit", "unit_value", "currency", "aliases"):
                raise ConfigError(f"[distribution.items] {name!r}: unknown key {key!r}",
                                  file=source, hint=one_of(key, ["unit", "unit_value",
                                                                 "currency", "aliases"]))
        value = spec.get("unit_value")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or value < 0):
            raise ConfigError(f"[distribution.items] {name!r}: unit_value must be a number "
                              "of kip (or of its currency), not negative", file=source,
                              hint="write e.g. unit_value = 12000")
        items[str(name)] = {"unit": spec.get("unit"), "unit_value": value,
                            "currency": str(spec.get("currency") or "LAK").upper(),
                            "aliases": [str(a) for a in _as_list(spec.get("aliases", []))]}
    return items


#: What a record without age may share with a person of its name (persons/attach.py).
ATTACH_ON = ("source_file", "province", "organization", "participant_type",
             "beneficiary_type", "district", "village", "event_series")


def _identity(data: dict[str, Any], sources: list[str]) -> dict[str, Any]:
    """[identity], checked: the secret a string, the decisions file a path (relative to
    the config that names it), `attach_on` among the attributes known."""
    source = sources[-1]
    secret = data.get("secret", "") or ""
    if not isinstance(secret, str):
        raise ConfigError("[identity] secret must be text", file=source,
                          hint='write secret = "…" (ctipcalc init writes one)')
    decisions = data.get("decisions", "") or ""
    if decisions and not Path(decisions).is_absolute() and source != "defaults":
        decisions = str(Path(source).parent / decisions)
    attach_on = tuple(data.get("attach_on", ATTACH_ON))
    for name in attach_on:
        if name not in ATTACH_ON:
            raise ConfigError(f"[identity] attach_on: unknown attribute {name!r}", file=source,
                              hint=one_of(name, ATTACH_ON))
    return {"secret": secret, "decisions": decisions, "attach_on": attach_on}


#: Words for the sheet kinds a [kinds] table may use (any case).
_KIND_WORDS = {"attendance": "attendance", "attendance list": "attendance",
               "participants": "attendance", "livelihood": "livelihood",
               "livelihoods": "livelihood", "follow up": "livelihood", "followup": "livelihood",
               "follow ups": "livelihood", "events": "events", "event": "events",
               "register": "events", "events register": "events", "event register": "events",
               "distribution": "distribution", "distributions": "distribution",
               "distribution list": "distribution", "relief": "distribution",
               "items": "items", "items register": "items", "item register": "items"}


def where_fields(kind: str) -> list[str]:
    """The fields an indicator's `where` and `require_any` may name for a kind."""
    return [f.name for f in FIELDS if f.carried_by(kind)
            and f.type not in ("name", "date", "tick") and f.name != "attendance_mark"]


def _resolve_where(ind: Indicator, config: Config, source: str) -> Indicator:
    """The indicator with its `where` values read like the data's cells (any case,
    aliases, Lao): each a category; a value that names none is an error."""
    from dataclasses import replace

    def bad(msg: str, hint: str) -> ConfigError:
        return ConfigError(f"indicator {ind.code}: {msg}", file=source, hint=hint)

    fields = where_fields(ind.kind)
    for fld in ind.where:
        if fld not in fields:
            raise bad(f"where: {fld!r} is not a field of {ind.kind} records to filter on",
                      one_of(fld, fields))
    recorded = [f.name for f in FIELDS if f.carried_by(ind.kind)]
    for fld in ind.require_any:
        if fld not in recorded:
            raise bad(f"require_any: {fld!r} is not a field of {ind.kind} records",
                      one_of(fld, recorded))
    if ind.date_field and ind.date_field not in [
            f.name for f in FIELDS if f.type == "date" and f.carried_by(ind.kind)]:
        dates = [f.name for f in FIELDS if f.type == "date" and f.kinds and ind.kind in f.kinds]
        raise bad(f"date_field {ind.date_field!r} is not a date of {ind.kind} records",
                  one_of(ind.date_field, dates))
    where = {}
    for fld, values in ind.where.items():
        kind = BY_NAME[fld].type
        resolved = []
        for value in values:
            if kind in ("sex", "category"):
                found = config.user_category(fld, value)
                if found is None:
                    accepted = list(SEXES) if kind == "sex" else config.categories(fld)
                    raise bad(f"where {fld} = {value!r} names no {fld}",
                              one_of(value, accepted) + " (or an alias of one in [vocab])")
            elif kind == "number" and not isinstance(value, bool):
                try:
                    found = float(value)
                except ValueError:
                    raise bad(f"where {fld} = {value!r} is not a number",
                              f"write {fld} = [1] or [1, 2]") from None
            else:
                found = value
            resolved.append(found)
        where[fld] = tuple(dict.fromkeys(resolved))
    return replace(ind, where=where)


def _check_settings(settings: dict[str, Any], source: str) -> None:
    month = settings.get("fiscal_year_start_month", 10)
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ConfigError("fiscal_year_start_month must be a month number 1–12", file=source,
                          hint="use 10 for the US fiscal year, 1 for the calendar year")
    if settings.get("buddhist_era", "auto") not in ("auto", "never"):
        raise ConfigError('buddhist_era must be "auto" or "never"', file=source,
                          hint='set buddhist_era = "auto"')
    if settings.get("status_rule", "ever") not in ("ever", "latest"):
        raise ConfigError('status_rule must be "ever" or "latest"', file=source,
                          hint='set status_rule = "ever"')
    bands = settings.get("age_bands", [18, 25, 35, 50])
    if not bands or any(not isinstance(b, int) for b in bands) or sorted(set(bands)) != list(bands):
        raise ConfigError("age_bands must be increasing whole numbers", file=source,
                          hint="for example age_bands = [18, 25, 35, 50]")
    for key in ("project_start", "project_end"):
        value = settings.get(key) or ""
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            raise ConfigError(f"{key} must be a date written YYYY-MM-DD", file=source,
                              hint=f'for example {key} = "2023-10-01"')
        settings[key] = str(value) if value else ""
    settings["max_unpacked"] = parse_size(settings.get("max_unpacked", "1GiB"))


def _indicator(data: dict[str, Any], source: str) -> Indicator:
    code = data.get("code", "?")

    def bad(msg: str, hint: str) -> ConfigError:
        return ConfigError(f"indicator {code}: {msg}", file=source, hint=hint)

    for key in ("code", "name", "kind", "count"):
        if not data.get(key):
            raise bad(f"missing {key}", f"add {key} = ... to the [[indicators]] entry")
    if data["kind"] not in INDICATOR_KINDS:
        raise bad(f"kind {data['kind']!r} unknown",
                  'use kind = "attendance", "livelihood" or "distribution"')
    household_counts = ("households", "household_members", "value")
    if (data["kind"] == "distribution") != (data["count"] in household_counts):
        raise bad(f"count {data['count']!r} does not count {data['kind']} records",
                  "distribution records count households, household_members or value; "
                  "attendance and livelihood records persons, records, events or rate")
    if data["count"] not in COUNTS:
        raise bad(f"count {data['count']!r} unknown", f"use one of {', '.join(COUNTS)}")
    unit = data.get("unit") or _COUNT_UNITS.get(data["count"], data["count"])
    if unit not in UNITS:
        raise bad(f"unit {unit!r} unknown", f"use one of {', '.join(UNITS)}")
    if data["count"] == "rate" and not (data.get("numerator") and data.get("denominator")):
        raise bad("a rate needs numerator and denominator", 'add numerator = "X" and denominator = "Y"')
    where = {}
    for fld, values in (data.get("where") or {}).items():
        where[fld] = tuple(str(v) for v in _as_list(values))
    rule = data.get("status_rule")
    if rule is not None and rule not in ("ever", "latest"):
        raise bad('status_rule must be "ever" or "latest"', 'set status_rule = "ever"')
    for dim in data.get("disaggregate", []):
        if dim not in DIMENSIONS:
            raise bad(f"cannot disaggregate by {dim!r}", f"use some of {', '.join(DIMENSIONS)}")
    return Indicator(
        code=str(data["code"]), name=str(data["name"]), unit=unit, kind=data["kind"],
        count=data["count"], where=where, require_any=tuple(data.get("require_any", [])),
        of=data.get("of"), numerator=data.get("numerator"), denominator=data.get("denominator"),
        status_rule=rule, date_field=data.get("date_field"),
        disaggregate=tuple(data.get("disaggregate", [])), description=data.get("description", ""),
        name_lo=str(data.get("name_lo") or ""),
    )
