"""A day as another county office would write it (Dongfang, 东方): Chinese headers, its own ids, xlsx or CSV."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd

from data.idcard import make_id_number

FOREIGN_DAY = dt.date(2026, 12, 8)


def write_foreign_day(folder: Path, *, fmt: str) -> None:
    """A Dongfang (东方) day as another county office would write it: Chinese headers, its own ids."""
    rng = random.Random(8)
    folder.mkdir(parents=True)
    stations = pd.DataFrame(
        [["DF-1", "八所镇就业驿站", "八所镇", 19.0956, 108.6550],
         ["DF-2", "感城镇就业驿站", "感城镇", 18.8520, 108.7020],
         ["DF-3", "东河镇就业驿站", "东河镇", 19.0300, 108.9100]],
        columns=["站点编号", "站点名称", "乡镇", "纬度", "经度"],
    )
    sites = pd.DataFrame(
        [["F-A", "东方火龙果基地", "华侨农场果园", 19.0100, 108.7200],
         ["F-B", "八所港物流", "港区仓库", 19.1050, 108.6200],
         ["F-C", "乐东香蕉合作社", "抱由蕉园", 18.7450, 109.1730]],
        columns=["用工地编号", "用工单位", "用工地名称", "纬度", "经度"],
    )
    orders = pd.DataFrame(
        [["D1", "F-A", FOREIGN_DAY.isoformat(), 30, "采摘", "07:30", "17:00", 170, "是"],
         ["D2", "F-B", FOREIGN_DAY.isoformat(), 20, "装卸", "08:00", "18:00", 220, "是"],
         ["D3", "F-C", FOREIGN_DAY.isoformat(), 15, "采摘", "09:00", "17:00", 180, "否"]],
        columns=["需求编号", "用工地编号", "日期", "需求人数", "工种", "上班时间", "下班时间", "日薪", "返程"],
    )
    fleet = pd.DataFrame(
        [[f"B{k}", f"琼E·2{k:04d}", seats, 19.0956, 108.6550, "05:00", "21:00", "司机", "13912345678"]
         for k, seats in enumerate([45, 45, 19, 19], start=1)],
        columns=["车辆编号", "车牌", "座位数", "车场纬度", "车场经度", "最早发车", "最晚收车", "驾驶员", "驾驶员电话"],
    )
    rows = []
    for k in range(1, 81):
        skills = rng.choice(["采摘", "装卸", "采摘、装卸", "包装"])
        birth = dt.date(1970 + k % 30, 1 + k % 12, 1 + k % 27)
        team = "感城采摘队" if 60 < k <= 68 else ""
        rows.append([f"R{k:03d}", f"工人{k}", "男" if k % 2 else "女", make_id_number("469007", birth, k),
                     f"1390000{k:04d}", rng.choice(["DF-1", "DF-2", "DF-3"]) if not team else "DF-2", "村",
                     "采摘" if team else skills, FOREIGN_DAY.isoformat(), team, "是" if k == 61 else "",
                     "是" if k % 11 == 0 else "否"])
    applications = pd.DataFrame(
        rows, columns=["申请编号", "姓名", "性别", "身份证号", "联系电话", "上车站点", "村", "技能", "务工日期", "班组",
                       "带头人", "困难群众"],
    )
    for name, frame in [("stations", stations), ("sites", sites), ("orders", orders), ("fleet", fleet),
                        ("applications", applications)]:
        if fmt == "xlsx":
            frame.to_excel(folder / f"{name}.xlsx", index=False)
        else:
            frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig")
