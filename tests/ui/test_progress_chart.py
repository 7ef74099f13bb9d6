"""My progress draws each competency's history as a small chart, and keeps the table (the
screen-reader view) with the same numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolBar

from tests.ui.test_a11y import play_to_debrief
from tests.ui.test_journey import create_profile
from trainer.ui.charts import CompetencyChart
from trainer.ui.widgets import focus_colour

LEFT = Qt.MouseButton.LeftButton


def near(colour: QColor, target: QColor) -> bool:
    return all(
        abs(a - b) <= 40 for a, b in zip(colour.getRgb()[:3], target.getRgb()[:3], strict=True)
    )


def test_each_competency_is_drawn_across_attempts(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    create_profile(qtbot, window)
    window.progress_action.trigger()
    progress = window.progress
    assert progress.charts.charts == [] and progress.charts.empty.isVisible()

    play_to_debrief(qtbot, window)
    qtbot.mouseClick(window.debrief.again_button, LEFT)  # a second attempt
    for _ in range(40):
        if window.stack.currentWidget() is window.debrief:
            break
        play_to_debrief_rest(window)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    qtbot.mouseClick(toolbar.widgetForAction(window.progress_action), LEFT)
    assert window.stack.currentWidget() is progress
    assert not progress.charts.empty.isVisible()

    table = progress.trend_tree
    rows = {
        table.topLevelItem(i).text(0): table.topLevelItem(i).text(2)
        for i in range(table.topLevelItemCount())
    }
    charts = progress.charts.findChildren(CompetencyChart)
    assert (
        {chart.title for chart in charts} == set(rows) == {"Communication", "Risk identification"}
    )
    for chart in charts:
        assert len(chart.values) == 2
        shown = ", ".join(f"{v:.0f}" for v in chart.values)
        assert rows[chart.title] == shown  # the chart and the table agree
        assert chart.accessibleName().startswith(f"{chart.title}: ")
        assert "across 2 attempts" in chart.accessibleName()
        assert chart.isVisible() and chart.height() >= chart.minimumSizeHint().height()
        # The line is drawn: the line colour at each attempt's point.
        image = chart.grab().toImage()
        colour = focus_colour(chart.palette())
        for i in range(len(chart.values)):
            point = chart.point(i)
            assert near(QColor(image.pixel(int(point.x()), int(point.y()))), colour), chart.title

    # The table is one tab away, with its own name.
    tabs = progress.history_tabs
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == [
        "Competencies: chart",
        "Competencies: table",
    ]
    tabs.setCurrentIndex(1)
    assert table.isVisible()

    # At 200% text the charts grow, stay side by side only if they fit, and do not overlap.
    tabs.setCurrentIndex(0)
    window.resize(1100, 760)
    window.apply_text_scale(2.0)
    qtbot.wait(50)
    charts = progress.charts.findChildren(CompetencyChart)
    for chart in charts:
        assert chart.width() >= chart.minimumSizeHint().width()
    first, second = (c.geometry() for c in charts)
    assert not first.intersects(second)


def play_to_debrief_rest(window) -> None:  # noqa: ANN001
    """One step of the mini case with the first answer everywhere."""
    session = window.controller.session
    panel = window.player.panel
    if session is None or session.is_finished:
        panel.button.click()
        return
    if session.kind == "decision":
        panel.press_number(1)
        if panel.pending:
            panel.press_number(2)
    elif session.kind in ("checklist", "rating"):
        panel.press_number(1)
        panel.confirm()
    else:
        panel.button.click()
        return
    if hasattr(window.player.panel, "browser"):
        window.player.panel.button.click()
