// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Ship an order: carrier, service, weight and the tracking number, checked against the carriers' rules as
// it is typed (a scanner types it and Enter). An invalid number cannot be shipped; an unknown format can.
Dialog {
    id: root

    required property OrderActions actions
    property string number
    property int version
    property string presence
    readonly property var check: root.actions.checkTracking(tracking.text)

    modal: true
    width: 480
    title: qsTr("Ship %1", "@title:window").arg(root.number)
    standardButtons: Dialog.Ok | Dialog.Cancel
    onOpened: {
        tracking.text = "";
        tracking.forceActiveFocus();
        root.standardButton(Dialog.Ok).text = qsTr("Ship", "@action:button");
    }
        onAccepted: root.actions.ship(root.number, root.version, carrier.editText, service.text, tracking.text, weight.text,
                                  printLabel.checked)

    Binding {
        target: root.standardButton(Dialog.Ok)
        property: "enabled"
        value: root.check.verdict !== "invalid"
    }

    GridLayout {
        anchors.fill: parent
        columns: 2
        rowSpacing: 6

        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            visible: root.presence.length > 0
            text: qsTr("⚠ %1 on another desktop: make sure nobody else is packing it.", "@info").arg(root.presence)
            color: "#b45f06"
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Label {
            text: qsTr("Carrier:", "@label:listbox")
        }
        ComboBox {
            id: carrier

            Layout.fillWidth: true
            editable: true
            model: ["Royal Mail", "DPD", "DHL", "UPS", "FedEx", "USPS", "Evri"]
            Accessible.name: qsTr("Carrier", "@label")
        }
        Label {
            text: qsTr("Service:", "@label:textbox")
        }
        TextField {
            id: service

            Layout.fillWidth: true
            placeholderText: qsTr("e.g. Tracked 48", "@info:placeholder")
            Accessible.name: qsTr("Service", "@label")
        }
        Label {
            text: qsTr("Weight (kg):", "@label:textbox")
        }
        TextField {
            id: weight

            Layout.fillWidth: true
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Accessible.name: qsTr("Weight in kilograms", "@label")
        }
        Label {
            text: qsTr("Tracking:", "@label:textbox")
        }
        TextField {
            id: tracking

            Layout.fillWidth: true
            font.family: "DejaVu Sans Mono"
            placeholderText: qsTr("scan or type the tracking number", "@info:placeholder")
            Accessible.name: qsTr("Tracking number", "@label")
            onAccepted: {
                if (root.check.verdict !== "invalid")
                    root.accept();
            }
        }
                CheckBox {
            id: printLabel

            Layout.columnSpan: 2
            checked: true
            enabled: tracking.text.trim().length > 0
            text: qsTr("Open the shipping label to print", "@option:check")
        }
        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            visible: root.check.verdict.length > 0
            // Words first, colour second.
            text: root.check.verdict === "valid" ? qsTr("✓ Valid %1 number", "@info").arg(root.check.carrier)
                  : root.check.verdict === "invalid" ? qsTr("✗ Invalid: %1", "@info").arg(root.check.message)
                  : qsTr("? %1", "@info").arg(root.check.message)
            color: root.check.verdict === "valid" ? "#2e7d32" : root.check.verdict === "invalid" ? "#b00020" : "#b45f06"
        }
    }
}
