// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Packing by scanning: a keyboard-wedge scanner types the barcode and Enter into the field, which keeps
// the focus. Each scan ticks a unit off; a wrong item or one too many turns the dialog red and says why.
Dialog {
    id: root

    required property OrderActions actions
    property string number
    property var lines: []
    property bool complete: false
    property string message
    property bool wrong: false

    modal: true
    width: 560
    title: qsTr("Pack %1", "@title:window").arg(root.number)
    standardButtons: Dialog.Close
    onOpened: {
        root.message = "";
        root.wrong = false;
        root.lines = [];
        root.actions.loadPacking(root.number);
        scanField.forceActiveFocus();
    }

    Connections {
        target: root.actions
        function onPacking(ok: bool, message: string, lines: list<var>, complete: bool, status: string, scannedSku: string): void {
            root.lines = lines;
            root.complete = complete;
            root.wrong = !ok;
            root.message = ok ? (scannedSku.length > 0 ? qsTr("✓ %1", "@info scanned").arg(scannedSku) : "") : message;
            scanField.text = "";
            scanField.forceActiveFocus();
        }
    }

    background: Rectangle {
        color: root.wrong ? "#ffcdd2" : root.palette.window
        border.color: root.wrong ? "#b00020" : root.palette.mid
        border.width: root.wrong ? 3 : 1

        Behavior on color {
            ColorAnimation {
                duration: 150
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        TextField {
            id: scanField

            Layout.fillWidth: true
            font.pixelSize: Math.round(18 * InterfaceSettings.fontScale)
            font.family: "DejaVu Sans Mono"
            placeholderText: qsTr("Scan an item (SKU or barcode) and press Enter", "@info:placeholder")
            Accessible.name: qsTr("Scanned barcode", "@label")
            onAccepted: root.actions.scan(root.number, text)
        }
        Label {
            Layout.fillWidth: true
            visible: root.message.length > 0
            text: root.message
            wrapMode: Text.WordWrap
            font.pixelSize: Math.round((root.wrong ? 18 : 14) * InterfaceSettings.fontScale)
            font.bold: root.wrong
            color: root.wrong ? "#b00020" : "#2e7d32"
        }
        Repeater {
            model: root.lines
            delegate: RowLayout {
                id: line

                required property var modelData
                readonly property bool done: line.modelData.packed >= line.modelData.toPack

                Layout.fillWidth: true
                Label {
                    text: line.done ? "☑" : "☐"
                    font.pixelSize: Math.round(18 * InterfaceSettings.fontScale)
                }
                Label {
                    text: line.modelData.sku
                    font.family: "DejaVu Sans Mono"
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    text: line.modelData.name
                    elide: Text.ElideRight
                }
                Label {
                    text: qsTr("%1 of %2", "@info packed of to pack").arg(line.modelData.packed).arg(line.modelData.toPack)
                    font.bold: true
                    color: line.done ? "#2e7d32" : root.palette.windowText
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.complete
            text: qsTr("Packed completely: ship it (Ctrl+Shift+S) and print the label.", "@info")
            color: "#2e7d32"
            font.bold: true
            wrapMode: Text.WordWrap
        }
    }
}
