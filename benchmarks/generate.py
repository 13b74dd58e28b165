"""Deterministic synthetic CTIP data at any size, with its true figures.

    python benchmarks/generate.py --rows 1000000 --out benchmarks/data

Attendance: about 12.5 rows per distinct person (~80,000 people for 1,000,000 rows) over
many events; romanised and Lao-script names typed with honorific, spacing, case and
zero-width variants; sexes typed several ways; ages at the event (with the one-year drift
of real ages); an events register. Follow-up: 1–3 rounds per beneficiary. The true
figures (unique people per indicator) are written beside the data, computed from the
generated people, not by ctipcalc.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 7
ROMAN_SYLLABLES = ["som", "kham", "boun", "phet", "vong", "sai", "keo", "chan", "thong", "noy",
                   "sou", "vila", "pheng", "dao", "lat", "mani", "sing", "khon", "phon", "sack",
                   "vanh", "thav", "inth", "douang", "seng", "xay", "oudom", "phom", "sisa",
                   "lamp", "kong", "bouth", "vieng", "chin", "ouk", "sack", "mal", "phai", "nou",
                   "khek"]
LAO_SYLLABLES = ["ສົມ", "ຄຳ", "ບຸນ", "ເພັດ", "ວົງ", "ໄຊ", "ແກ້ວ", "ຈັນ", "ທອງ", "ນ້ອຍ", "ສຸກ",
                 "ວິໄລ", "ແພງ", "ດາວ", "ລັດ", "ມະນີ", "ສິງ", "ພອນ", "ສັກ", "ວັນ", "ທະວີ", "ອິນ",
                 "ດວງ", "ແສງ", "ອຸດົມ", "ພົມ", "ສີ", "ລຳ", "ກອງ", "ວຽງ"]
TOPICS = ["TIP National Plan of Action", "Safe migration", "Child protection",
          "Victim identification", "Protection and referral", "Protection, assistance & referral"]
TOPIC_KEYS = ["tip_plan_of_action", "safe_migration", "child_protection", "victim_identification",
              "protection_referral", "protection_referral"]
PTYPES = ["Government official", "Gov", "Village authority", "Villager", "LWU", "NGO", "Employer"]
PTYPE_GOV = np.array([True, True, False, False, False, False, False])
PROVINCES = ["Savannakhet", "Champasak", "Luang Prabang", "Bokeo", "Vientiane Capital",
             "Khammouane", "Oudomxai", "Salavan", "ສະຫວັນນະເຂດ", "ຈຳປາສັກ"]
CB_TOPICS = {"tip_plan_of_action", "safe_migration", "child_protection", "victim_identification"}


def _names(rng: np.random.Generator, n: int, lao: np.ndarray) -> np.ndarray:
    """n distinct names: two or three syllables for the given name, two for the family."""
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        i = len(out)
        pool = LAO_SYLLABLES if lao[i] else ROMAN_SYLLABLES
        k = rng.integers(len(pool), size=5)
        given = "".join(pool[j] for j in k[: 2 + (k[4] % 2)])
        family = pool[k[2]] + pool[k[3]]
        name = f"{given} {family}" if lao[i] else f"{given.capitalize()} {family.capitalize()}"
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        out.append(name)
    return np.array(out, dtype=object)


def attendance(rows: int, seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    rng = np.random.default_rng(seed)
    people = max(1, round(rows / 12.5))
    events = max(1, rows // 40)
    lao = rng.random(people) < 0.3
    names = _names(rng, people, lao)
    # Two per cent of people share a name and sex with another person born 10+ years apart.
    twins = rng.choice(people, size=people // 50, replace=False)
    names[twins[: len(twins) // 2]] = names[twins[len(twins) // 2: 2 * (len(twins) // 2)]]
    half = len(twins) // 2
    lao[twins[:half]] = lao[twins[half: 2 * half]]
    female = rng.random(people) < 0.45
    female[twins[:half]] = female[twins[half: 2 * half]]
    birth = rng.integers(1960, 2006, size=people)
    birth[twins[: len(twins) // 2]] = birth[twins[len(twins) // 2: 2 * (len(twins) // 2)]] - 15
    ptype = rng.integers(len(PTYPES), size=people)
    province = rng.integers(len(PROVINCES), size=people)

    event_topic = rng.integers(len(TOPICS), size=events)
    start = np.datetime64("2021-10-01")
    event_day = start + rng.integers(0, 5 * 365, size=events).astype("timedelta64[D]")

    # Every person attends at least once; the rest of the rows fall on random people.
    person = np.concatenate([np.arange(people), rng.integers(people, size=rows - people)])
    rng.shuffle(person)
    event = rng.integers(events, size=rows)

    day = event_day[event]
    year = day.astype("datetime64[Y]").astype(int) + 1970
    age = year - birth[person] - (birth[person] % 2)  # odd birth years: birthday not passed
    age_text = age.astype(str).astype(object)
    # One per cent of ages left blank — never for a name two people share, where the
    # record's person would be ambiguous (a test pins that rule; here truth must be exact).
    shared = np.zeros(people, dtype=bool)
    shared[twins[: 2 * half]] = True
    age_text[(rng.random(rows) < 0.01) & ~shared[person]] = ""

    # Names as typed: honorifics, double spaces, NBSP, upper case, zero-width, trailing space.
    typed = names[person].copy()
    variant = rng.random(rows)
    is_lao = lao[person]
    is_female = female[person]
    honor = variant < 0.25
    typed[honor & is_lao & is_female] = "ນາງ " + typed[honor & is_lao & is_female]
    typed[honor & is_lao & ~is_female] = "ທ້າວ" + typed[honor & is_lao & ~is_female]
    typed[honor & ~is_lao & is_female] = "Ms. " + typed[honor & ~is_lao & is_female]
    typed[honor & ~is_lao & ~is_female] = "Mr " + typed[honor & ~is_lao & ~is_female]
    frame = pd.Series(typed)
    sel = (variant >= 0.25) & (variant < 0.33)
    frame[sel] = frame[sel].str.replace(" ", "  ", regex=False)
    sel = (variant >= 0.33) & (variant < 0.38)
    frame[sel] = frame[sel].str.replace(" ", "\u00a0", regex=False)
    sel = (variant >= 0.38) & (variant < 0.42) & ~is_lao
    frame[sel] = frame[sel].str.upper()
    sel = (variant >= 0.42) & (variant < 0.44)
    frame[sel] = "\u200b" + frame[sel]
    sel = (variant >= 0.44) & (variant < 0.48)
    frame[sel] = frame[sel] + " "

    sex_spell = np.where(female[person], "F", "M").astype(object)
    alt = rng.random(rows)
    sex_spell[(alt < 0.1) & female[person]] = "Female"
    sex_spell[(alt < 0.1) & ~female[person]] = "Male"
    sex_spell[(alt > 0.95) & female[person]] = "ຍິງ"
    sex_spell[(alt > 0.95) & ~female[person]] = "ຊາຍ"

    event_ids = np.array([f"EV-{i:06d}" for i in range(events)], dtype=object)
    dates = pd.to_datetime(day).strftime("%d/%m/%Y")
    records = pd.DataFrame({
        "No": np.arange(1, rows + 1),
        "Event code": event_ids[event],
        "Date": dates,
        "Topic": np.array(TOPICS, dtype=object)[event_topic[event]],
        "Name and surname": frame.to_numpy(),
        "Sex": sex_spell,
        "Age": age_text,
        "Participant type": np.array(PTYPES, dtype=object)[ptype[person]],
        "Province": np.array(PROVINCES, dtype=object)[province[person]],
        "Organization": "Provincial office",
    })
    register = pd.DataFrame({"Event code": event_ids,
                             "Event title": [f"Training {i}" for i in range(events)],
                             "Topic": np.array(TOPICS, dtype=object)[event_topic],
                             "Start date": pd.to_datetime(event_day).strftime("%d/%m/%Y")})

    topic_key = np.array(TOPIC_KEYS, dtype=object)[event_topic[event]]
    cb = np.isin(topic_key, list(CB_TOPICS))
    par = (topic_key == "protection_referral") & PTYPE_GOV[ptype[person]]
    truth = {"rows": rows, "TR-1": len(np.unique(person)),
             "CB-1": len(np.unique(person[cb])), "PAR-1": len(np.unique(person[par])),
             "ATT-1": len(np.unique(person * events + event)),
             "EV-1": len(np.unique(event)),
             "distinct_name_spellings": int(frame.nunique())}
    return records, register, truth


def livelihood(beneficiaries: int, seed: int = SEED) -> tuple[pd.DataFrame, dict]:
    rng = np.random.default_rng(seed + 1)
    rounds = rng.integers(1, 4, size=beneficiaries)
    person = np.repeat(np.arange(beneficiaries), rounds)
    k = np.concatenate([np.arange(r) for r in rounds])
    supported = rng.random(beneficiaries) < 0.9
    support_day = np.datetime64("2022-01-01") + rng.integers(0, 3 * 365, beneficiaries).astype("timedelta64[D]")
    status_pool = np.array(["Employed", "Unemployed", "Own business", "In training",
                            "Lost to follow up"], dtype=object)
    status = status_pool[rng.integers(len(status_pool), size=len(person))]
    followup = support_day[person] + ((k + 1) * 90).astype("timedelta64[D]")
    names = _names(rng, beneficiaries, rng.random(beneficiaries) < 0.3)
    frame = pd.DataFrame({
        "Beneficiary ID": [f"LH-{i:06d}" for i in person],
        "Beneficiary name": names[person],
        "Sex": np.where(rng.random(beneficiaries) < 0.7, "F", "M")[person],
        "Support received": np.where((k == 0) & supported[person], "Small grant", ""),
        "Date support received": np.where((k == 0) & supported[person],
                                          pd.to_datetime(support_day[person]).strftime("%d/%m/%Y"), ""),
        "Follow-up round": k + 1,
        "Follow-up date": pd.to_datetime(followup).strftime("%d/%m/%Y"),
        "Employment status": status,
    })
    employed = np.isin(status, ["Employed", "Own business"])
    ever = np.zeros(beneficiaries, dtype=bool)
    np.logical_or.at(ever, person, employed)
    truth = {"LH-1": int(supported.sum()), "LH-2": int((ever & supported).sum())}
    return frame, truth


DIST_ITEMS = [("Hygiene kit", "kit", 350000), ("Soap", "bar", 5000), ("Rice", "kg", 12000),
              ("Mosquito net", "piece", 45000), ("Blanket", "piece", 120000),
              ("Drinking water", "bottle", 4000)]
DISTRICTS = ["Xaibouly", "Champhone", "Outhoumphone", "Songkhone", "ຈຳພອນ", "ໄຊບູລີ"]


def _amount_text(values: np.ndarray, forms: np.ndarray) -> np.ndarray:
    """Kip amounts typed four ways (1,250,000 / 1.250.000 / ₭ 1 250 000 / 1250000 LAK),
    built on the distinct (value, form) pairs."""
    pairs = pd.DataFrame({"v": values, "f": forms})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs))
    texts = []
    for v, f in uniques:
        grouped = f"{int(v):,}"
        texts.append([grouped, grouped.replace(",", "."),
                      "₭ " + grouped.replace(",", " "), f"{int(v)} LAK"][f])
    return np.array(texts, dtype=object)[codes]


def distribution(rows: int, seed: int = SEED) -> tuple[pd.DataFrame, dict]:
    """A long distribution list: two rounds, about 2.5 items per household per round;
    80 % of households have an id (typed in three case/space variants), the rest are
    known by head + village ("Ban X" or "X") + district. Truth: households, the sum of
    their sizes, the kip distributed."""
    rng = np.random.default_rng(seed + 17)
    households = max(1, rows // 5)
    with_id = rng.random(households) < 0.8
    heads = _names(rng, households, rng.random(households) < 0.3)
    size = rng.integers(1, 10, size=households)
    district = rng.integers(len(DISTRICTS), size=households)
    village = np.array([f"Nong{i % 997}" for i in range(households)], dtype=object)
    sex = rng.random(households) < 0.4
    household = rng.integers(households, size=rows)
    household[:households] = np.arange(households)[: min(households, rows)]
    round_ = rng.integers(1, 3, size=rows)
    item = rng.integers(len(DIST_ITEMS), size=rows)
    quantity = rng.integers(1, 11, size=rows)
    price = np.array([p for *_, p in DIST_ITEMS])[item]
    value = quantity * price
    ids = np.array([f"HH-{i:06d}" for i in range(households)], dtype=object)
    typed_id = ids[household]
    variant = rng.integers(3, size=rows)
    typed_id = np.where(variant == 1, np.char.lower(typed_id.astype(str)).astype(object),
                        np.where(variant == 2, typed_id + " ", typed_id))
    typed_id = np.where(with_id[household], typed_id, "")
    ban = rng.random(rows) < 0.5
    typed_village = np.where(ban, "Ban " + village[household], village[household])
    start = np.array(["2024-08-12", "2024-11-20"], dtype="datetime64[D]")
    day = start[round_ - 1] + rng.integers(0, 10, size=rows).astype("timedelta64[D]")
    # The value column is typed on half of the rows; the others carry a unit price.
    typed_value = np.where(rng.random(rows) < 0.5,
                           _amount_text(value, rng.integers(4, size=rows)), "")
    frame = pd.DataFrame({
        "Household ID": typed_id, "Head of household": heads[household],
        "Sex of head": np.where(sex[household], "F", "M"), "Household size": size[household],
        "Village": typed_village, "District": np.array(DISTRICTS, dtype=object)[district[household]],
        "Province": "Savannakhet", "Round": round_,
        "Item": np.array([n for n, *_ in DIST_ITEMS], dtype=object)[item],
        "Quantity": quantity, "Unit": np.array([u for _, u, _ in DIST_ITEMS], dtype=object)[item],
        "Unit price (LAK)": np.where(typed_value == "", price.astype(str), ""),
        "Total value": typed_value, "Distribution date": pd.to_datetime(day).strftime("%d/%m/%Y")})
    reached = np.unique(household)
    truth = {"rows": rows, "DIST-1": len(reached), "DIST-2": int(size[reached].sum()),
             "DIST-3": int(value.sum())}
    return frame, truth


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Attendance")
    ws.append(["Attendance list (synthetic benchmark data)"])
    ws.append([])
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False, name=None):
        ws.append(list(row))
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--xlsx", action="store_true", help="write an .xlsx instead of CSV")
    parser.add_argument("--distribution", action="store_true",
                        help="write a long relief distribution list of --rows rows instead")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.distribution:
        frame, truth = distribution(args.rows)
        frame.to_csv(args.out / f"distribution_{args.rows}.csv", index=False)
        (args.out / f"truth_distribution_{args.rows}.json").write_text(
            json.dumps(truth, indent=2) + "\n")
        print(json.dumps(truth))
        return
    records, register, truth = attendance(args.rows)
    stem = f"attendance_{args.rows}"
    if args.xlsx:
        write_xlsx(records, args.out / f"{stem}.xlsx")
    else:
        records.to_csv(args.out / f"{stem}.csv", index=False)
    register.to_csv(args.out / f"events_{args.rows}.csv", index=False)
    followup, lh_truth = livelihood(max(10, args.rows // 40))
    followup.to_csv(args.out / f"followup_{args.rows}.csv", index=False)
    truth.update(lh_truth)
    (args.out / f"truth_{args.rows}.json").write_text(json.dumps(truth, indent=2) + "\n")
    print(json.dumps(truth))


if __name__ == "__main__":
    main()
