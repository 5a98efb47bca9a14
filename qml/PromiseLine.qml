// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Under an order line: once a SKU and a quantity are entered, what can be promised and when ("Earliest promise:
// Friday, 4 December 2026 from LEEDS"), asked of the planner on the database thread after a short pause.
RowLayout {
    id: root

    required property ReplenishmentController planner
    property string sku
    property int qty
    /** A location code, or empty for any. */
    property string location
    readonly property string state: check.state
    readonly property string text: check.text

    spacing: 6
    visible: check.state.length > 0 || check.busy

    PromiseCheck {
        id: check

        planner: root.planner
        sku: root.sku
        qty: root.qty
        location: root.location
    }

    BusyIndicator {
        Layout.preferredWidth: 18
        Layout.preferredHeight: 18
        running: check.busy
        visible: check.busy
    }
    ColumnLayout {
        Layout.fillWidth: true
        spacing: 0

        Label {
            Layout.fillWidth: true
            text: check.state === "now" ? "✓ " + check.text
                  : check.state === "later" ? "→ " + check.text
                  : check.state === "none" || check.state === "error" ? "⚠ " + check.text : ""
            color: check.state === "now" ? "#2e7d32" : check.state === "later" ? "#b26a00" : "#b00020"
            font.bold: check.state === "later" || check.state === "none"
            wrapMode: Text.WordWrap
            opacity: check.busy ? 0.5 : 1
            Accessible.role: Accessible.StaticText
            Accessible.name: check.text
        }
        Label {
            Layout.fillWidth: true
            visible: check.state === "later" && check.detail.length > 0
            text: check.detail
            font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
            opacity: check.busy ? 0.4 : 0.75
            wrapMode: Text.WordWrap
        }
    }
}
