"""What the printed documents carry beyond the plan: the `[outputs]` table of scenario.toml.

Each document carries what its reader needs (docs/privacy.md): the driver's manifest whole phones so the
driver can call a late worker and the dispatcher, the SMS file whole phones so it can be sent. Which
phones the driver's manifest carries, the SMS signature and the office's contacts are set here; the
planning settings (`[plan]`) are not touched by them, so changing a signature does not change a plan.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any, NoReturn

from data.options import FILE_NAME
from data.records import Scenario, Vehicle
from data.validation import InputError, Problem, ValidationReport

TABLE = "outputs"
SIGNATURE_MAX = 20
"""A longer signature would leave too little of the 70-character SMS for the message itself."""


@dataclass(frozen=True)
class OutputSettings:
    sms_signature: str = "【昌江县就业服务中心】"
    """The sender's name in 【】 that opens every SMS (the bulk-SMS gateway requires a registered one)."""
    manifest_worker_phones: bool = True
    """The driver's manifest carries workers' phones whole (false: masked like everywhere else)."""
    dispatcher: str = ""
    """The dispatcher on duty, printed with their phone on every bus manifest."""
    dispatcher_phone: str = ""
    emergency_phone: str = ""
    """A number a driver or station calls when something goes wrong (the centre's duty line)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            expected = bool if f.type == "bool" else str
            if type(value) is not expected:
                raise ValueError(f"{f.name} = {value!r}：应为{' true 或 false' if expected is bool else '文字'}")
        signature = self.sms_signature.strip()
        if signature and not signature.startswith("【"):
            signature = f"【{signature.strip('[]')}】"
        if len(signature) > SIGNATURE_MAX:
            raise ValueError(f"sms_signature = {self.sms_signature!r}：签名过长（最多 {SIGNATURE_MAX} 字）")
        object.__setattr__(self, "sms_signature", signature)

    @property
    def dispatcher_line(self) -> str:
        """'王敏 0898-26612345': the dispatcher and their phone, whole, as far as set."""
        return _joined(self.dispatcher, self.dispatcher_phone)


def escort_line(vehicle: Vehicle | None) -> str:
    """'李秀梅 13600136000': the bus's escort and their phone, whole, as far as the fleet table says."""
    return _joined(vehicle.escort, vehicle.escort_phone) if vehicle else ""


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def output_settings(scenario: Scenario) -> OutputSettings:
    """The scenario's `[outputs]` table; an unknown key or a bad value is an InputError naming it."""
    values: dict[str, Any] = dict(scenario.settings.get(TABLE, {}))
    known = [f.name for f in fields(OutputSettings)]
    unknown = sorted(set(values) - set(known))
    if unknown:
        _refuse(", ".join(unknown), f"[{TABLE}] 未知设置 {', '.join(unknown)}（可用：{', '.join(known)}）")
    try:
        return dataclasses.replace(OutputSettings(), **values)
    except ValueError as error:
        _refuse(str(error).split(" ", 1)[0], f"[{TABLE}] {error}")


def _refuse(key: str, message: str) -> NoReturn:
    raise InputError(ValidationReport((Problem(FILE_NAME, None, key, message, "bad_option"),)))
