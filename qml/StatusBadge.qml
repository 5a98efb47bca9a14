// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Stockroom

// A state as a word on a tinted background: the word carries the meaning, the colour only helps.
Rectangle {
    id: root

    property string status
    property string text

    readonly property color tint: {
        switch (root.status) {
        case "allocated": case "paid": case "ok": case "completed": return "#2e7d32";
        case "backordered": case "out": case "voided": case "exception": case "on_hold": case "returned_to_sender": return "#c62828";
        case "partially_shipped": case "picking": case "packed": case "authorized": case "low": case "partially_refunded": case "requested": case "received": return "#ef6c00";
        case "shipped": case "delivered": case "in_transit": case "out_for_delivery": case "label_created": return "#1565c0";
        case "cancelled": case "refunded": return "#616161";
        default: return "#6a1b9a";
        }
    }

    implicitWidth: label.implicitWidth + 14
    implicitHeight: label.implicitHeight + 4
    radius: height / 2
    color: Qt.rgba(root.tint.r, root.tint.g, root.tint.b, 0.14)
    border.color: Qt.rgba(root.tint.r, root.tint.g, root.tint.b, 0.5)

    Label {
        id: label

        anchors.centerIn: parent
        text: root.text
        color: Qt.darker(root.tint, 1.6) // 4.5:1 or more on the tint, over white and grey rows (tst_accessibility)
        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
    }
}
