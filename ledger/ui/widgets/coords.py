"""A place entered as longitude and latitude (WGS-84 decimal degrees), both or neither."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget


def _shown(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


class CoordinatesField(QWidget):
    """Two boxes, 经度 and 纬度; the service checks the values (ranges, both or neither)."""

    def __init__(
        self,
        latitude: Decimal | None = None,
        longitude: Decimal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.longitude = QLineEdit(_shown(longitude))
        self.longitude.setPlaceholderText(self.tr("如 116.587245"))
        self.latitude = QLineEdit(_shown(latitude))
        self.latitude.setPlaceholderText(self.tr("如 35.414982"))
        self.setToolTip(
            self.tr(
                "WGS-84 十进制度数（手机地图或 GPS 读数）；应急推演据此按距离排列邻近乡镇的仓库"
            )
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("经度")))
        layout.addWidget(self.longitude, 1)
        layout.addWidget(QLabel(self.tr("纬度")))
        layout.addWidget(self.latitude, 1)

    def values(self) -> tuple[str | None, str | None]:
        """Latitude and longitude as typed (None when blank)."""
        return self.latitude.text().strip() or None, self.longitude.text().strip() or None
