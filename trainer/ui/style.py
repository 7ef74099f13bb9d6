"""The app's style: the platform's own, with tick boxes and radio buttons that grow with the
text size (a style sheet would do it too, but would stop fonts and palettes following the
system and Ctrl+plus/minus)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

_INDICATORS = (
    QStyle.PixelMetric.PM_IndicatorWidth,
    QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
    QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
)


class ScalingStyle(QProxyStyle):
    def pixelMetric(  # noqa: N802 (Qt override)
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        base = super().pixelMetric(metric, option, widget)
        if metric in _INDICATORS:
            metrics = widget.fontMetrics() if widget is not None else QApplication.fontMetrics()
            return max(base, round(metrics.height() * 0.95))
        return base


def install_style(app: QApplication) -> None:
    if not isinstance(app.style(), ScalingStyle):
        app.setStyle(ScalingStyle())
