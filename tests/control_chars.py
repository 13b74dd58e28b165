"""A list typed with control characters, for every writer's test (issue 16): a name and a
province with \\x01 in them, a participant type with \\x02, and an escape (\\x1b) that a
terminal would act on. `from control_chars import control_character_csv`."""

from __future__ import annotations

from pathlib import Path

HEADER = "Name,Sex,Age,Event code,Date,Topic,Participant type,Province\n"
ROWS = [
    "A Keo\x01,F,30,E1,2024-01-10,TIP,Gov,Bok\x01eo\n",
    "B Lao,M,40,E1,2024-01-10,TIP,Gov\x02,Vientiane\x1b[2J\n",
    "C Vong,F,25,E1,2024-01-10,TIP,Gov,Bokeo\n",
]
#: The control characters the file holds.
CONTROLS = ("\x01", "\x02", "\x1b")


def control_character_csv(folder: Path, name: str = "controls.csv") -> Path:
    """Write the list into `folder` and return its path."""
    path = Path(folder) / name
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8", newline="")
    return path
