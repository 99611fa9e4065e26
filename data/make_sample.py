"""Writes the bundled Changjiang sample day (2026-12-01) into data/samples/changjiang/.

Run `python -m data.make_sample`. The stations and sites are real places at approximate WGS-84
coordinates; the people are fictional (checksum-valid ID numbers with real birth dates). A fixed
seed makes the output identical on every run. The day is realistic on purpose: more pickers apply
than farms need, a few applicants offer a skill nobody orders, and a few are not available that day.
Sites and applications use Chinese headers, the other tables English ones, so both get exercised.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from data.idcard import make_id_number
from data.samples import CHANGJIANG

SEED = 20261201
DAY = dt.date(2026, 12, 1)

# station_id, name, town, lat, lon, villages near the station
STATIONS = (
    ("ST01", "石碌镇就业驿站", "石碌镇", 19.2790, 109.0520, ("水头村", "保平村", "鸡实村", "红林村")),
    ("ST02", "叉河镇就业驿站", "叉河镇", 19.2330, 108.9830, ("叉河村", "排岸村", "宝山村")),
    ("ST03", "十月田镇就业驿站", "十月田镇", 19.3520, 109.0350, ("姜园村", "好清村", "七坊村", "保山村")),
    ("ST04", "乌烈镇就业驿站", "乌烈镇", 19.3650, 108.8000, ("乌烈村", "峨港村", "道隆村", "白石村")),
    ("ST05", "昌化镇就业驿站", "昌化镇", 19.3250, 108.6900, ("昌城村", "昌化村", "浪炳村")),
    ("ST06", "海尾镇就业驿站", "海尾镇", 19.4300, 108.8400, ("海尾村", "新港村", "南罗村")),
    ("ST07", "七叉镇就业驿站", "七叉镇", 19.1130, 109.0730, ("七叉村", "尼下村", "大仍村")),
    ("ST08", "王下乡就业驿站", "王下乡", 19.0150, 109.1500, ("王下村", "洪水村", "牙迫村")),
    ("ST09", "石碌矿区就业驿站", "石碌镇", 19.2450, 109.0450, ("矿区社区", "北一社区")),
    ("ST10", "清洁能源高新技术产业园就业驿站", "海尾镇", 19.4400, 108.9050, ("园区社区", "沙地村")),
)

# site_id, employer, site name, lat, lon
SITES = (
    ("W01", "昌江十月田芒果专业合作社", "十月田芒果园", 19.3600, 109.0100),
    ("W02", "十月田果蔬包装有限公司", "十月田包装车间", 19.3430, 109.0400),
    ("W03", "乌烈冬季瓜菜种植基地", "乌烈蔬菜基地", 19.3800, 108.8200),
    ("W04", "海尾哈密瓜种植合作社", "海尾哈密瓜基地", 19.4200, 108.8600),
    ("W05", "叉河毛豆种植合作社", "叉河毛豆基地", 19.2150, 108.9550),
    ("W06", "昌化圣女果种植合作社", "昌化圣女果园", 19.3000, 108.7200),
    ("W07", "七叉火龙果种植园", "七叉火龙果园", 19.1200, 109.0600),
    ("W08", "海南矿业股份有限公司", "石碌铁矿", 19.2420, 109.0400),
    ("W09", "昌江清洁能源装备制造有限公司", "产业园装备车间", 19.4300, 108.9150),
    ("W10", "石碌果蔬冷链包装中心", "石碌包装车间", 19.2900, 109.0650),
    ("W11", "东方八所港务有限公司", "八所港码头", 19.1000, 108.6300),
    ("W12", "乐东抱由芒果合作社", "抱由芒果园", 18.7600, 109.1700),
    ("W13", "三亚崖州南繁育种基地", "崖州南繁基地", 18.3750, 109.1800),
    ("W14", "儋州那大果蔬包装厂", "那大包装车间", 19.5200, 109.5750),
    ("W15", "海口综合保税区电子厂", "海口综保区厂房", 20.0100, 110.3300),
    ("W16", "王下乡黎家茶园", "王下茶园", 19.0300, 109.1300),
    ("W17", "海尾对虾养殖场", "海尾养殖场", 19.4450, 108.8300),
)

# order_id, site_id, workers, skill, shift_start, shift_end, wage, return_trip
ORDERS = (
    ("O01", "W01", 35, "采摘", "07:00", "17:00", 180, "yes"),
    ("O02", "W02", 30, "包装", "08:00", "18:00", 200, "yes"),
    ("O03", "W03", 25, "种植", "07:00", "16:00", 160, "yes"),
    ("O04", "W04", 25, "采摘", "07:00", "17:00", 170, "yes"),
    ("O05", "W05", 20, "采摘", "07:00", "16:00", 160, "yes"),
    ("O06", "W06", 20, "采摘", "07:30", "17:30", 170, "yes"),
    ("O07", "W07", 12, "种植", "07:30", "16:30", 160, "yes"),
    ("O08", "W08", 15, "装卸", "08:00", "18:00", 230, "yes"),
    ("O09", "W08", 10, "普工", "08:00", "18:00", 210, "yes"),
    ("O10", "W09", 20, "普工", "08:30", "17:30", 190, "yes"),
    ("O11", "W10", 15, "包装", "08:00", "18:00", 190, "yes"),
    ("O12", "W11", 12, "装卸", "09:00", "17:30", 220, "yes"),
    ("O13", "W12", 15, "采摘", "09:30", "17:30", 200, "yes"),
    ("O14", "W13", 12, "种植", "10:30", "18:30", 220, "no"),
    ("O15", "W14", 12, "包装", "09:30", "17:30", 200, "yes"),
    ("O16", "W15", 16, "普工", "11:30", "19:30", 230, "no"),
    ("O17", "W16", 8, "种植", "07:30", "16:30", 150, "yes"),
    ("O18", "W17", 8, "装卸", "07:00", "15:00", 180, "yes"),
)

SHILU_DEPOT = (19.2755, 109.0560)
WULIE_DEPOT = (19.3620, 108.8050)
DEPOT_NAMES = {SHILU_DEPOT: "石碌车场", WULIE_DEPOT: "乌烈车场"}
# vehicle_id, plate, seats, depot, driver
FLEET = (
    ("V01", "琼D·30451", 45, SHILU_DEPOT, "符海军"),
    ("V02", "琼D·30452", 45, SHILU_DEPOT, "王志强"),
    ("V03", "琼D·30453", 45, SHILU_DEPOT, "陈国栋"),
    ("V04", "琼D·30454", 45, SHILU_DEPOT, "李文华"),
    ("V05", "琼D·30455", 45, SHILU_DEPOT, "吴家明"),
    ("V06", "琼D·30456", 45, SHILU_DEPOT, "林德福"),
    ("V07", "琼D·30457", 45, SHILU_DEPOT, "黄少雄"),
    ("V08", "琼D·30458", 45, SHILU_DEPOT, "邢光辉"),
    ("V09", "琼D·31460", 45, WULIE_DEPOT, "羊永平"),
    ("V10", "琼D·31461", 45, WULIE_DEPOT, "张海生"),
    ("V11", "琼D·20191", 19, SHILU_DEPOT, "刘春来"),
    ("V12", "琼D·20192", 19, SHILU_DEPOT, "钟建新"),
    ("V13", "琼D·21193", 19, WULIE_DEPOT, "文亚龙"),
)

# name, station_id, skills, gender ("女", "男" or None for mixed), size, has a leader
TEAMS = (
    ("乌烈女工", "ST04", ("采摘", "种植"), "女", 22, True),
    ("十月田包装工", "ST03", ("包装",), None, 16, True),
    ("海尾装卸队", "ST06", ("装卸",), "男", 8, True),
    ("七叉种植组", "ST07", ("种植",), None, 12, True),
    ("叉河采摘班", "ST02", ("采摘",), None, 6, False),
)

# How many applicants without a team offer each main skill: more pickers than the farms need,
# and two skills (电焊, 驾驶) that no order asks for.
INDIVIDUAL_SKILLS = {"采摘": 118, "包装": 48, "种植": 30, "普工": 52, "装卸": 24, "电焊": 6, "驾驶": 3}
ORDERED_SKILLS = ("采摘", "包装", "种植", "普工", "装卸")
STATION_WEIGHTS = {"ST01": 60, "ST02": 30, "ST03": 30, "ST04": 30, "ST05": 25, "ST06": 30,
                   "ST07": 25, "ST08": 15, "ST09": 20, "ST10": 16}
NOT_AVAILABLE_DATES = ("2026-12-02", "2026-11-28~2026-11-30", "2026-12-03、2026-12-04", "2026-11-30")
ALSO_AVAILABLE_DATES = ("2026-11-30~2026-12-03", "2026-12-01、2026-12-02", "2026-12-01~2026-12-05")

SURNAMES = "符王陈李吴林黄羊邢张刘周钟文郭吉麦唐谢赵"
GIVEN_FEMALE = "秀英丽梅玉兰亚妹春花小红金凤桂芳美玲海燕月娥翠莲雪珍"
GIVEN_MALE = "文光志强国华明亮海军德福永平建新春来少雄家宝天成"
PHONE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                  "152", "155", "156", "158", "159", "177", "180", "182", "183", "186", "187", "188", "199")
REGIONS = ("469031",) * 9 + ("469007", "469025", "469027")

APPLICATION_HEADERS = ("申请编号", "姓名", "性别", "身份证号", "联系电话", "上车站点", "村", "技能",
                       "务工日期", "班组", "带头人", "困难群众", "状态")


class _People:
    """Draws fictional people with unique names, phone numbers and ID numbers from one seeded Random."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.phones: set[str] = set()
        self.ids: set[str] = set()

    def gender(self, wanted: str | None, female_share: float = 0.5) -> str:
        return wanted or ("女" if self.rng.random() < female_share else "男")

    def name(self, gender: str) -> str:
        pool = GIVEN_FEMALE if gender == "女" else GIVEN_MALE
        while True:
            given = "".join(self.rng.choice(pool) for _ in range(self.rng.choice((1, 2, 2))))
            name = self.rng.choice(SURNAMES) + given
            if name not in self.names:
                self.names.add(name)
                return name

    def phone(self) -> str:
        while True:
            phone = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def id_number(self, gender: str) -> str:
        """An ID for an adult of 18-60 on the sample day; the sequence is odd for men, as in real ones."""
        oldest = DAY.replace(year=DAY.year - 60) + dt.timedelta(days=1)
        youngest = DAY.replace(year=DAY.year - 18)
        while True:
            birth = oldest + dt.timedelta(days=self.rng.randrange((youngest - oldest).days + 1))
            seq = self.rng.randrange(500) * 2 + (1 if gender == "男" else 0)
            number = make_id_number(self.rng.choice(REGIONS), birth, seq)
            if number not in self.ids:
                self.ids.add(number)
                return number


def _village(rng: random.Random, station_id: str) -> str:
    villages = next(s[5] for s in STATIONS if s[0] == station_id)
    return rng.choice(villages)


def _applicant_rows(rng: random.Random) -> list[list[str]]:
    """Team members and individuals, shuffled, then numbered A0001... in that order."""
    people = _People(rng)
    drafts: list[dict[str, str]] = []
    for team, station_id, skills, wanted_gender, size, has_leader in TEAMS:
        for k in range(size):
            gender = people.gender(wanted_gender, female_share=0.7)
            drafts.append({"station": station_id, "skills": "、".join(skills), "gender": gender,
                           "team": team, "leader": "是" if has_leader and k == 0 else ""})
    stations = sorted(STATION_WEIGHTS)
    weights = [STATION_WEIGHTS[s] for s in stations]
    for skill, count in INDIVIDUAL_SKILLS.items():
        for _ in range(count):
            wanted = [skill]
            if skill in ORDERED_SKILLS and rng.random() < 0.2:
                wanted.append(rng.choice([s for s in ORDERED_SKILLS if s != skill]))
            female_share = {"装卸": 0.1, "电焊": 0.0, "驾驶": 0.0, "包装": 0.75}.get(skill, 0.5)
            drafts.append({"station": rng.choices(stations, weights)[0], "skills": "、".join(wanted),
                           "gender": people.gender(None, female_share), "team": "", "leader": ""})
    rng.shuffle(drafts)

    individuals = [i for i, d in enumerate(drafts) if not d["team"]]
    unusual = rng.sample(individuals, 12 + 14 + 3)
    not_available, also_available, cancelled = unusual[:12], unusual[12:26], unusual[26:]

    rows = []
    for i, draft in enumerate(drafts):
        gender = draft["gender"]
        dates = DAY.isoformat()
        if i in not_available:
            dates = rng.choice(NOT_AVAILABLE_DATES)
        elif i in also_available:
            dates = rng.choice(ALSO_AVAILABLE_DATES)
        rows.append([
            f"A{i + 1:04d}", people.name(gender), gender, people.id_number(gender), people.phone(),
            draft["station"], _village(rng, draft["station"]), draft["skills"], dates, draft["team"],
            draft["leader"], "是" if rng.random() < 0.08 else "否", "已取消" if i in cancelled else "",
        ])
    return rows


def _write_csv(path: Path, header: tuple[str, ...] | list[str], rows: list, encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_sample(folder: Path = CHANGJIANG, seed: int = SEED) -> Path:
    """Writes the six files of the sample into `folder` (created if needed) and returns it."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(folder / "stations.csv", ("station_id", "name", "town", "lat", "lon"),
               [s[:5] for s in STATIONS])
    _write_csv(folder / "sites.csv", ("用工地编号", "用工单位", "用工地名称", "纬度", "经度"), list(SITES))
    _write_csv(folder / "orders.csv",
               ("order_id", "site_id", "date", "workers", "skill", "shift_start", "shift_end", "wage",
                "return_trip"),
               [(o[0], o[1], DAY.isoformat(), *o[2:]) for o in ORDERS])
    people = _People(random.Random(seed + 1))
    _write_csv(folder / "fleet.csv",
               ("vehicle_id", "plate", "seats", "depot_lat", "depot_lon", "available_from", "available_to",
                "driver", "driver_phone", "cost_per_km", "depot"),
               [(vid, plate, seats, lat, lon, "05:00", "21:00", driver, people.phone(),
                 "4.5" if seats >= 45 else "3.0", DEPOT_NAMES[(lat, lon)])
                for vid, plate, seats, (lat, lon), driver in FLEET])
    # Applications come as an Excel-style export: UTF-8 with a BOM.
    _write_csv(folder / "applications.csv", APPLICATION_HEADERS, _applicant_rows(rng), encoding="utf-8-sig")
    (folder / "scenario.toml").write_text(
        "# Changjiang county (昌江), 2026-12-01: the bundled sample day.\n"
        "# Generated by `python -m data.make_sample`; edit the generator, not this file.\n"
        'coordinates = "wgs84"\n'
        "\n"
        "[plan]\n"
        "seed = 0\n",
        encoding="utf-8",
    )
    return folder


if __name__ == "__main__":
    write_sample()
