"""Words printed on manifests, lists, the workbook and notices, in Chinese (default) and English.

Kept in one table so a dispatcher's wording change is one edit, and so both languages always
have the same keys (a missing translation is a KeyError at import time, not a blank on paper).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

_TEXT: dict[str, tuple[str, str]] = {
    # document titles
    "manifest_title": ("务工直通车乘车人员名单", "Shuttle passenger manifest"),
    "station_list_title": ("驿站乘车名单", "Station boarding list"),
    "site_list_title": ("用工单位到达名单", "Employer arrival list"),
    "privacy_note": (
        "本名单含个人信息，仅限本次乘车使用，用后请妥善保管或销毁。",
        "Contains personal data: for this trip only; keep safe or destroy after use.",
    ),
    "page": ("第 {page} / {pages} 页", "Page {page} of {pages}"),
    "colon": ("：", ": "),
    "list_sep": ("、", ", "),
    # facts about a bus run
    "date": ("日期", "Date"),
    "trip": ("班次", "Trip"),
    "morning": ("去程（早班）", "Morning (out)"),
    "evening": ("返程（晚班）", "Evening (back)"),
    "vehicle": ("车辆编号", "Vehicle"),
    "plate": ("车牌", "Plate"),
    "driver": ("驾驶员", "Driver"),
    "driver_phone": ("驾驶员电话", "Driver phone"),
    "seats": ("座位数", "Seats"),
    "departure": ("发车时间", "Departure"),
    "distance_km": ("里程（公里）", "Distance (km)"),
    "duration_min": ("用时（分钟）", "Duration (min)"),
    "stops": ("停靠点", "Stops"),
    "passengers": ("乘车人员", "Passengers"),
    # stop table
    "seq": ("序号", "No."),
    "stop_kind": ("类型", "Kind"),
    "place": ("地点", "Place"),
    "arrival": ("到达", "Arrive"),
    "leave": ("出发", "Leave"),
    "boarding": ("上车", "Board"),
    "alighting": ("下车", "Alight"),
    "aboard": ("车上人数", "Aboard"),
    "depot": ("车场", "Depot"),
    "pickup": ("上客", "Pick-up"),
    "dropoff": ("下客", "Drop-off"),
    # passenger table
    "application_id": ("申请编号", "Application"),
    "name": ("姓名", "Name"),
    "gender": ("性别", "Sex"),
    "id_number": ("身份证号", "ID number"),
    "phone": ("联系电话", "Phone"),
    "station": ("就业驿站", "Station"),
    "employer": ("用工单位", "Employer"),
    "site": ("用工地", "Site"),
    "team": ("班组/带头人", "Team/leader"),
    "leader": ("带头人", "leader"),
    "sign_in": ("签到", "Sign-in"),
    "remarks": ("备注", "Remarks"),
    "order": ("需求编号", "Order"),
    "skill": ("工种", "Skill"),
    "skills": ("技能", "Skills"),
    "shift_start": ("上班时间", "Shift starts"),
    "board_time": ("上车时间", "Boarding time"),
    "arrive_time": ("到达时间", "Arrival time"),
    "return_plate": ("返程车牌", "Return plate"),
    "return_time": ("返程上车时间", "Return pick-up"),
    "reason": ("原因代码", "Reason code"),
    "reason_text": ("原因", "Reason"),
    "detail": ("说明", "Detail"),
    # totals and signatures
    "total": (
        "合计：上车 {count} 人次；最多同时在车 {peak} 人（核定座位 {seats} 座）",
        "Total: {count} boardings; at most {peak} aboard at once ({seats} seats)",
    ),
    "calls": ("停靠 {count} 站", "{count} stops"),
    "board_call": ("上车站点", "Boards at"),
    "alight_call": ("下车站点", "Alights at"),
    "call_place": ("第{number}站 {place}", "stop {number} {place}"),
    "shift_starts_at": ("{times} 上班", "shift starts {times}"),
    "site_contact": ("接收人 {contact}", "received by {contact}"),
    "note_sep": ("；", "; "),
    # whom to call
    "escort": ("随车人员", "Escort"),
    "dispatcher": ("调度员", "Dispatcher"),
    "emergency_phone": ("应急电话", "Emergency"),
    "whole_phones_note": (
        "本名单含完整电话号码，仅供驾驶员、随车人员联系乘客，用后交回调度；身份证号已脱敏。",
        "Phone numbers are whole, for the driver and escort to reach riders; hand back after the trip. "
        "ID numbers are masked.",
    ),
    "count": ("共 {count} 人", "{count} people"),
    # the ledger's history, when planning read it
    "no_show_remark": ("未到{times}次", "{times} no-shows"),
    "no_show_note": (
        "备注“未到N次”：近 {days} 天内安排乘车而未上车的天数（台账签到记录），请提前电话确认是否乘车。",
        "Remark 'N no-shows': days in the last {days} on which they were planned and did not board (the "
        "ledger's sign-ins); call ahead to confirm.",
    ),
    "sign_driver": ("驾驶员签字：", "Driver's signature:"),
    "sign_staff": ("驿站工作人员签字：", "Station staff signature:"),
    "sign_employer": ("用工单位签收：", "Employer's signature:"),
    "sign_driver_of": ("驾驶员签字（{plate}）：", "Driver of {plate}:"),
    "sign_date": ("日期：", "Date:"),
    # station and site lists
    "list_board_at": ("{time} 在本站上车，{plate}，开往 {dest}", "{time} board here, {plate}, to {dest}"),
    "list_alight_at": ("{time} 返程到站，{plate}，自 {origin}", "{time} back here, {plate}, from {origin}"),
    "list_arrive_at": ("{time} 到达，{plate}，自 {origin}", "{time} arrive, {plate}, from {origin}"),
    "list_leave_at": ("{time} 返程上车，{plate}，开往 {dest}", "{time} return pick-up, {plate}, to {dest}"),
    "nobody": ("本日无班车停靠", "no bus stops here today"),
    "listed_above": ("其中 {count} 人已列于上方", "{count} of them listed above"),
    "return_bus": ("返程班车", "Return bus"),
    "boarding_count": ("上车人数", "Boarding"),
    "arriving_count": ("到达人数", "Arriving"),
    # workbook sheets
    "rest_on_road": (
        "驾驶员休息 {start}–{end}（{minutes} 分钟），途中，开往{place}",
        "Driver rest {start}–{end} ({minutes} min) on the road to {place}",
    ),
    "rest_at": (
        "驾驶员休息 {start}–{end}（{minutes} 分钟），在{place}",
        "Driver rest {start}–{end} ({minutes} min) at {place}",
    ),
    "driver_rests": ("驾驶员休息", "Driver rests"),
    "sheet_routes": ("路线", "Routes"),
    "sheet_stops": ("停靠点", "Stops"),
    "sheet_passengers": ("乘车人员", "Passengers"),
    "sheet_unassigned": ("未安排", "Unassigned"),
    "sheet_summary": ("汇总", "Summary"),
    "summary_item": ("项目", "Item"),
    "summary_value": ("数值", "Value"),
    "run": ("车次", "Run"),
    "end_time": ("收车时间", "Back at"),
    # a bus's whole day
    "sheet_bus_days": ("车辆日程", "Bus days"),
    "second_driver": ("第二驾驶员", "Second driver"),
    "day_runs": ("当日班次", "Runs"),
    "duty_start": ("出车时间", "Out at"),
    "duty_hours": ("在岗（小时）", "Duty (h)"),
    "driving_min": ("驾驶（分钟）", "Driving (min)"),
    "daily_limit_min": ("日驾驶上限（分钟）", "Daily driving limit (min)"),
    "empty_km": ("空驶里程（公里）", "Empty km"),
    "waits": ("等候", "Waits"),
    "wait_at": ("{place} {start}–{end}", "{place} {start}–{end}"),
    "rules_broken": ("违反规定", "Rules broken"),
    "stop_count": ("停靠点数", "Stops"),
    "passenger_count": ("人数", "Passengers"),
    "boardings": ("上车人次", "Boardings"),
    "peak_load": ("最多同时在车", "Most aboard at once"),
    "board_ids": ("上车人员", "Boarding"),
    "alight_ids": ("下车人员", "Alighting"),
    "place_id": ("地点编号", "Place id"),
    "workers_requested": ("需求人数", "Workers requested"),
    "workers_assigned": ("已安排人数", "Workers assigned"),
    "applicants_available": ("当日可出工申请人", "Applicants available"),
    "buses_used": ("使用车辆", "Buses used"),
    "runs": ("车次数", "Bus runs"),
    "unassigned_by_reason": ("未安排（按原因）", "Unassigned by reason"),
    # orders in view
    "orders_title": ("用工需求落实情况", "Orders"),
    "sheet_orders": ("用工需求", "Orders"),
    "employer_report_title": ("用工单位派工确认单", "Employer dispatch report"),
    "shift": ("班次时间", "Shift"),
    "requested": ("需求人数", "Requested"),
    "sent": ("派送人数", "Coming"),
    "short": ("缺额", "Short"),
    "arrive_by": ("最晚到达", "Arrive by"),
    "arrivals": ("到达班车", "Arriving buses"),
    "returns": ("返程班车", "Return buses"),
    "no_return": ("不安排返程", "no return trip"),
    "why_short": ("缺额原因", "Why short"),
    "calls_by": ("{calls}（须 {by} 前到达）", "{calls} (due by {by})"),
    "bus_call": ("{time} {plate}（{count} 人）", "{time} {plate} ({count})"),
    "short_workers": ("缺 {count} 人：{why}", "{count} short: {why}"),
    "short_unreachable": (
        "班车无法按时送达：最早 {earliest} 到达（自{station}），须在 {by} 前到达",
        "no bus can arrive in time: the earliest possible arrival is {earliest} (from {station}), it must be by {by}",
    ),
    "short_no_way_back": (
        "班车无法在运营时间和乘车时限内往返（最早 {earliest} 可到达）",
        "no bus can take workers there and back within its hours and the ride-time cap (earliest arrival {earliest})",
    ),
    "short_no_bus": ("车队中没有车辆能服务该需求", "no bus of the fleet can serve this order"),
    "short_too_few": (
        "报名人数不足：能按时到达、具备“{skill}”技能的报名者共 {applicants} 人",
        "not enough applicants: {applicants} with the skill {skill} could reach the site in time",
    ),
    "short_elsewhere": (
        "其余具备“{skill}”技能的报名者已安排到其他需求（可到达者共 {applicants} 人）",
        "the other applicants with the skill {skill} went to other orders ({applicants} could reach the site)",
    ),
    "all_coming": ("人员已落实", "all coming"),
    "sum": ("合计", "Total"),
    # notices
    "notice_status": ("状态", "Status"),
    "notice_placed": ("已安排", "placed"),
    "notice_unplaced": ("未安排", "unplaced"),
    "notice_message": ("短信内容", "Message"),
    "phone_masked": ("联系电话（脱敏）", "Phone (masked)"),
}

_GENDER: dict[str, tuple[str, str]] = {
    "女": ("女", "F"),
    "f": ("女", "F"),
    "female": ("女", "F"),
    "男": ("男", "M"),
    "m": ("男", "M"),
    "male": ("男", "M"),
}

_REASON: dict[str, tuple[str, str]] = {
    "no_matching_order": ("当日没有与技能相符的用工需求", "no job on that day needs these skills"),
    "order_full": ("相符的岗位已经招满", "the matching jobs are already filled"),
    "team_too_large": ("班组人数超过岗位余额", "the team is larger than the places left"),
    "team_skills_differ": ("班组成员技能与岗位不一致", "no job fits the skills of the whole team"),
    "unreachable_in_time": ("班车无法在上班前送达", "no bus can reach the job before the shift"),
    "no_seat": ("班车座位已满", "the buses are full"),
    "ride_too_long": ("乘车时间过长", "the ride would be too long"),
    "too_far": ("相符岗位距离过远", "the matching jobs are too far away"),
    "invalid_application": (
        "报名信息有误，请到驿站核对", "your application has an error: please check it at your station"),
}
_REASON_FALLBACK = ("暂未匹配到合适岗位", "no suitable job was found")


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return pair[LANGS.index(lang)]


def label(key: str, lang: Lang = "zh", **values: object) -> str:
    """The label for `key` in `lang`, with `{placeholders}` filled from `values`."""
    template = _pick(_TEXT[key], lang)
    return template.format(**values) if values else template


def gender_label(value: str, lang: Lang = "zh") -> str:
    """女/男 (or F/M) as printed; an unknown value is kept as given rather than guessed."""
    pair = _GENDER.get(value.strip().lower())
    return _pick(pair, lang) if pair else value


def reason_label(code: str, lang: Lang = "zh") -> str:
    """A reason code as a worker reads it; unknown codes get a polite general sentence."""
    return _pick(_REASON.get(code, _REASON_FALLBACK), lang)


def translator(lang: Lang) -> Callable[..., str]:
    """`label` bound to one language, for modules that print many labels."""
    _pick(("", ""), lang)
    return functools.partial(label, lang=lang)


def all_labels(lang: Lang = "zh") -> tuple[str, ...]:
    """Every label, gender and reason in `lang` (placeholders included): what a printout may show."""
    pairs = [*_TEXT.values(), *_GENDER.values(), *_REASON.values(), _REASON_FALLBACK]
    return tuple(_pick(pair, lang) for pair in pairs)
