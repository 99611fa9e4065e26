"""A small generated month for ledger tests: a scenario folder with ten November days, quick to plan.

Two stations and two sites of Changjiang, two buses, and applicants of whom some apply for every day
(so 人次 and 人数 differ), one is a hardship case, two form a team, and more pickers apply than the
farm asks for (so someone is left unplaced each day and can be a walk-on). Fixed, so counts are stable.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from data.idcard import make_id_number

DAYS = tuple(dt.date(2026, 11, 2) + dt.timedelta(days=k) for k in range(10))
"""Ten November days, 2 to 11."""
_EVERY_DAY = "~".join(d.isoformat() for d in (DAYS[0], DAYS[-1]))

# application id, name, station, skill, dates, team, leader, hardship
APPLICANTS = (
    ("A01", "符秀英", "ST01", "采摘", _EVERY_DAY, "乌烈女工", "是", ""),
    ("A02", "王丽梅", "ST01", "采摘", _EVERY_DAY, "乌烈女工", "", ""),
    ("A03", "陈亚妹", "ST02", "采摘", _EVERY_DAY, "", "", "是"),
    ("A04", "吉文光", "ST02", "包装", _EVERY_DAY, "", "", ""),
    ("A05", "羊小兰", "ST01", "包装", DAYS[0].isoformat(), "", "", ""),
    ("A06", "黎明", "ST02", "包装", DAYS[1].isoformat(), "", "", ""),
    ("A07", "林春花", "ST02", "采摘", DAYS[2].isoformat(), "", "", ""),
    ("A08", "张海", "ST01", "采摘", _EVERY_DAY, "", "", ""),
    ("A09", "钟美玉", "ST02", "电焊", _EVERY_DAY, "", "", ""),
)


def id_number(k: int) -> str:
    return make_id_number("469031", dt.date(1980 + k, 3, 1 + k), 100 + k)


def write_days(folder: Path, *, ledger: str | None = None) -> Path:
    """The scenario folder (every day's orders in one folder); `ledger` goes into scenario.toml's [ledger]."""
    folder.mkdir(parents=True, exist_ok=True)
    _csv(folder / "stations.csv", ("station_id", "name", "town", "lat", "lon"), [
        ("ST01", "乌烈镇就业驿站", "乌烈镇", 19.3650, 108.8000),
        ("ST02", "十月田镇就业驿站", "十月田镇", 19.3520, 109.0350)])
    _csv(folder / "sites.csv", ("site_id", "employer", "name", "lat", "lon"), [
        ("W01", "昌江十月田芒果专业合作社", "十月田芒果园", 19.3600, 109.0100),
        ("W02", "十月田果蔬包装有限公司", "十月田包装车间", 19.3430, 109.0400)])
    _csv(folder / "orders.csv", ("order_id", "site_id", "date", "workers", "skill", "shift_start", "shift_end"), [
        row for d in DAYS for row in ((f"O{d:%d}1", "W01", d.isoformat(), 3, "采摘", "08:00", "17:00"),
                                      (f"O{d:%d}2", "W02", d.isoformat(), 2, "包装", "08:30", "17:30"))])
    _csv(folder / "fleet.csv", ("vehicle_id", "plate", "seats", "depot_lat", "depot_lon", "available_from",
                                "available_to", "driver", "driver_phone"), [
        ("V01", "琼D·12345", 19, 19.2790, 109.0520, "05:00", "21:00", "王师傅", "13907551234"),
        ("V02", "琼D·67890", 19, 19.2790, 109.0520, "05:00", "21:00", "李师傅", "13907555678")])
    _csv(folder / "applications.csv", ("application_id", "name", "gender", "id_number", "phone", "station_id",
                                       "village", "skills", "dates", "team", "leader", "priority"), [
        (aid, name, "女", id_number(k), f"1380013{k:04d}", station, "村", skill, dates, team, leader, hardship)
        for k, (aid, name, station, skill, dates, team, leader, hardship) in enumerate(APPLICANTS)])
    toml = "[plan]\nseed = 0\nsolution_limit = 20\n"
    if ledger is not None:
        toml += f'\n[ledger]\ndatabase = "{ledger}"\n'
    (folder / "scenario.toml").write_text(toml, encoding="utf-8")
    return folder


def _csv(path: Path, header: tuple[str, ...], rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
