"""`employers_<date>.pdf`: a page per employer with what the dispatcher tells them about their orders:
how many were asked for and are coming, on which buses and when, when the buses take them back, and
how many are missing and why. The names of who comes are on the site arrival lists."""

from __future__ import annotations

from itertools import groupby

from data.records import format_hhmm
from dispatch.order_status import OrderStatus, order_statuses
from dispatch.outputs.pdf.bundle import RenderedPdfs, render
from dispatch.outputs.pdf.document import Column, PrintDocument
from dispatch.outputs.pdf.font import EmbeddedFont
from dispatch.plan import DayPlan
from dispatch.presentation import Lang, calls_text, returns_text, shift_text, shortfalls_text, translator


def render_employer_reports(plan: DayPlan, lang: Lang = "zh") -> RenderedPdfs:
    """One PDF, one page per employer with orders on the day (none when the day has no orders)."""
    statuses = order_statuses(plan)
    if not statuses:
        return RenderedPdfs({})
    return render(plan, lang, lambda font: [_document(plan, statuses, lang, font)])


def _document(plan: DayPlan, statuses: tuple[OrderStatus, ...], lang: Lang, font: EmbeddedFont) -> PrintDocument:
    t = translator(lang)
    title = t("employer_report_title")
    doc = PrintDocument(f"employers_{plan.date.isoformat()}.pdf", title, lang, plan.date, font)
    for employer, group in groupby(statuses, key=lambda s: s.site.employer):
        orders = list(group)
        doc.new_page(f"{title} · {plan.date.isoformat()} · {employer}")
        doc.title(f"{title} — {employer}")
        doc.facts([(t("date"), plan.date.isoformat()), (t("employer"), employer),
                   (t("requested"), t("count", count=sum(s.requested for s in orders))),
                   (t("sent"), t("count", count=sum(s.sent for s in orders)))])
        doc.table(_columns(lang), [_row(s) for s in orders])
        for status in orders:
            doc.subtitle(f"{status.order.order_id} {status.site.name} · {status.order.skill} · {shift_text(status)}")
            colon = t("colon")
            arriving = t("calls_by", calls=calls_text(status.arrivals, lang) or "—", by=format_hhmm(status.arrive_by))
            doc.note(f"{t('arrivals')}{colon}{arriving}")
            doc.note(f"{t('returns')}{colon}{returns_text(status, lang) or '—'}")
            if status.short:
                doc.note(f"{t('why_short')}{colon}{shortfalls_text(plan, status, lang)}")
        doc.signature_lines([t("sign_employer"), t("sign_date")])
    return doc


def _columns(lang: Lang) -> list[Column]:
    t = translator(lang)
    return [Column(t("order"), 22, "C"), Column(t("site"), 50), Column(t("skill"), 18, "C"),
            Column(t("shift"), 28, "C"), Column(t("requested"), 20, "C"), Column(t("sent"), 20, "C"),
            Column(t("short"), 16, "C"), Column(t("arrive_by"), 22, "C")]


def _row(status: OrderStatus) -> tuple:
    return (status.order.order_id, status.site.name, status.order.skill, shift_text(status), status.requested,
            status.sent, status.short, format_hhmm(status.arrive_by))
