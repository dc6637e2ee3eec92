"""Undo steps for the plan: hours per week with the target date, and the study-days opt-in."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from tracker.ui.commands import ServiceCommand

if TYPE_CHECKING:
    from tracker.ui.shell.context import AppContext


class SetPlanCommand(ServiceCommand):
    """Set the planned hours per week and the target date (PlanService writes the situation)."""

    def __init__(
        self, context: AppContext, hours_per_week: float | None, target_date: date | None
    ) -> None:
        super().__init__(context, QCoreApplication.translate("SetPlanCommand", "Set your plan"))
        self.hours_per_week = hours_per_week
        self.target_date = target_date
        self.previous: tuple[float | None, date | None] = (None, None)

    def apply(self) -> None:
        old = self.context.services.plan.set_plan(self.hours_per_week, self.target_date)
        self.previous = (old.hours_per_week, old.target_date)

    def revert(self) -> None:
        self.context.services.plan.set_plan(*self.previous)


class SetStreaksCommand(ServiceCommand):
    """Turn the study-days summary on or off."""

    def __init__(self, context: AppContext, enabled: bool) -> None:
        text = (
            QCoreApplication.translate("SetStreaksCommand", "Show study days")
            if enabled
            else QCoreApplication.translate("SetStreaksCommand", "Hide study days")
        )
        super().__init__(context, text)
        self.enabled = enabled

    def apply(self) -> None:
        self.context.services.plan.set_streaks_enabled(self.enabled)

    def revert(self) -> None:
        self.context.services.plan.set_streaks_enabled(not self.enabled)
