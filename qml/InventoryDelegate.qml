// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

// One product × location of the stock grid. The columns shown (and their widths) come from the page, which
// drops the less important ones when the product pane takes half the width.
ItemDelegate {
    id: delegate

    required property int index
    required property string sku
    required property string productName
    required property string location
    required property string locationName
    required property string bin
    required property int onHand
    required property int reserved
    required property int available
    required property int inTransit
    required property int onOrder
    required property int projected
    required property int reorderPoint
    required property string value
    required property string level
    required property string levelText
    required property bool flash
    /** [{key, width, align}] as InventoryPage.visibleColumns() lays them out. */
    property var columns: []

    // Out of stock and "reorder" tint the row; the badge says it in words with a sign, for those who
    // cannot tell the tints apart.
    readonly property color tint: delegate.level === "out" ? "#c62828" : delegate.level === "low" ? "#ef6c00" : "transparent"

    function cellText(key: string): string {
        switch (key) {
        case "sku": return delegate.sku;
        case "name": return delegate.productName;
        case "location": return delegate.location;
        case "bin": return delegate.bin.length > 0 ? delegate.bin : "—";
        case "onHand": return delegate.onHand.toLocaleString(Qt.locale(), "f", 0);
        case "reserved": return delegate.reserved.toLocaleString(Qt.locale(), "f", 0);
        case "available": return delegate.available.toLocaleString(Qt.locale(), "f", 0);
        case "inTransit": return delegate.inTransit > 0 ? delegate.inTransit.toLocaleString(Qt.locale(), "f", 0) : "—";
        case "onOrder": return delegate.onOrder > 0 ? delegate.onOrder.toLocaleString(Qt.locale(), "f", 0) : "—";
        case "projected": return delegate.projected.toLocaleString(Qt.locale(), "f", 0);
        case "reorderPoint": return delegate.reorderPoint > 0 ? delegate.reorderPoint.toLocaleString(Qt.locale(), "f", 0) : "—";
        case "value": return delegate.value;
        }
        return "";
    }

    highlighted: ListView.isCurrentItem
    height: 32
    Accessible.name: qsTr("%1 %2 at %3: %4 available, %5 projected, %6", "@info accessible")
                         .arg(delegate.sku).arg(delegate.productName).arg(delegate.locationName)
                         .arg(delegate.available).arg(delegate.projected).arg(delegate.levelText)

    background: Rectangle {
        // Not animated: delegates are reused while scrolling, and a colour fading from the row a delegate
        // showed before would tint the wrong product for a moment.
        color: delegate.highlighted ? Qt.rgba(delegate.palette.highlight.r, delegate.palette.highlight.g, delegate.palette.highlight.b, 0.25)
               : delegate.level !== "ok" ? Qt.rgba(delegate.tint.r, delegate.tint.g, delegate.tint.b, 0.09)
               : (delegate.index % 2 ? Qt.darker(delegate.palette.base, 1.02) : delegate.palette.base)

        // Another desktop changed this row a moment ago: a short amber glow, then back to normal.
        Rectangle {
            anchors.fill: parent
            color: "#ffe9a8"
            opacity: delegate.flash ? 1 : 0
            Behavior on opacity {
                NumberAnimation {
                    duration: 600
                }
            }
        }

        // A stripe at the left edge repeats the state where the badge column is hidden.
        Rectangle {
            width: 4
            height: parent.height
            color: delegate.tint
        }
    }

    contentItem: Row {
        spacing: 8
        leftPadding: -2

        Repeater {
            model: delegate.columns
            delegate: Item {
                id: cell

                required property var modelData

                width: cell.modelData.width
                height: 24

                Label {
                    anchors.fill: parent
                    visible: cell.modelData.key !== "state"
                    verticalAlignment: Text.AlignVCenter
                    horizontalAlignment: cell.modelData.align === "right" ? Text.AlignRight : Text.AlignLeft
                    text: delegate.cellText(cell.modelData.key)
                    font.family: cell.modelData.key === "sku" || cell.modelData.key === "bin" ? "DejaVu Sans Mono" : delegate.font.family
                    font.bold: cell.modelData.key === "available"
                    color: cell.modelData.key === "available" && delegate.level === "out" ? "#b71c1c" : delegate.palette.text
                    elide: Text.ElideRight
                }
                StatusBadge {
                    anchors.verticalCenter: parent.verticalCenter
                    visible: cell.modelData.key === "state"
                    width: Math.min(implicitWidth, cell.width)
                    status: delegate.level
                    text: (delegate.level === "out" ? "✖ " : delegate.level === "low" ? "⚠ " : "✓ ") + delegate.levelText
                }
            }
        }
    }
}
