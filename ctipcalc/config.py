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
from .schema import DIMENSIONS, KINDS, RECORD_KINDS, SEXES
from .text import header_key, nospace, vocab_key

USER_CONFIG_NAME = "ctipcalc.toml"
COUNTS = ("persons", "records", "events", "rate")
UNITS = ("persons", "records", "events", "percent")


@dataclass(frozen=True)
class Indicator:
    """One indicator, as a Performance Indicator Reference Sheet defines it."""

    code: str
    name: str
    unit: str
    kind: str
    count: str
    where: dict[str, tuple[str, ...]] = field(default_factory=dict)
    require_any: tuple[str, ...] = ()
    of: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    status_rule: str | None = None
    date_field: str | None = None
    disaggregate: tuple[str, ...] = ()
    description: str = ""

    def describe(self) -> str:
        """The counting rule in plain words."""
        if self.count == "rate":
            return f"{self.numerator} ÷ {self.denominator} × 100, one decimal"
        what = {"persons": "unique persons", "records": "records",
                "events": "distinct events"}[self.count]
        parts = [f"{what} in {self.kind} records"]
        for fld, values in self.where.items():
            parts.append(f"{fld} in ({', '.join(values)})")
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

    # --- lookups -------------------------------------------------------
    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code.casefold() == code.casefold():
                return ind
        known = ", ".join(i.code for i in self.indicators)
        raise ConfigError(f"unknown indicator {code!r}", hint=f"use one of: {known}")

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


def _merge(base: dict[str, Any], user: dict[str, Any], source: str) -> dict[str, Any]:
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
        elif section in ("settings", "vocab_options", "kinds"):
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
        if kind not in KINDS:
            raise ConfigError(f"[kinds] {pattern!r} = {kind!r} is not a sheet kind", file=source,
                              hint=f"use one of {', '.join(KINDS)}")
        kinds[pattern] = kind
    return Config(raw=data, sources=list(sources or ["defaults"]), settings=settings,
                  header_fields={k: tuple(v) for k, v in header_fields.items()},
                  header_texts=frozenset(header_texts), ignored_headers=ignored, vocab=vocab, vocab_canonical=vocab_canonical,
                  vocab_strip=strip, null_tokens=null_tokens, null_tokens_raw=null_tokens_raw,
                  honorifics=honorifics,
                  facilitator_words=tuple(vocab_key(w) for w in
                                          settings.get("facilitator_headings", [])),
                  indicators=indicators, kind_overrides=kinds)


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
    if data["kind"] not in RECORD_KINDS:
        raise bad(f"kind {data['kind']!r} unknown", 'use kind = "attendance" or "livelihood"')
    if data["count"] not in COUNTS:
        raise bad(f"count {data['count']!r} unknown", f"use one of {', '.join(COUNTS)}")
    unit = data.get("unit") or {"rate": "percent"}.get(data["count"], data["count"])
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
    )
