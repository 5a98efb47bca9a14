// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Returns: "create" asks how many of each shipped line come back; "receive" says, per line of an open
// return, how many go back on a shelf (where) and how many are written off (why).
Dialog {
    id: root

    required property OrderActions actions
    property string mode: "create"
    property string orderNumber
    /** The order's lines (OrderDetailController.lines) for create; the return (its map) for receive. */
    property var orderLines: []
    property var rma: ({})
    property var locations: []
    readonly property var writeOffReasons: ["damaged", "expired", "lost"]

    modal: true
    width: 620
    title: root.mode === "create" ? qsTr("Return from %1", "@title:window").arg(root.orderNumber)
                                  : qsTr("Receive return %1", "@title:window").arg(root.rma.number || "")
    standardButtons: Dialog.Ok | Dialog.Cancel
    onOpened: reason.text = ""
    onAccepted: {
        if (root.mode === "create") {
            const lines = [];
            for (let i = 0; i < createRows.count; ++i) {
                const row = createRows.itemAt(i);
                if (row && row.qty > 0)
                    lines.push({ sku: row.sku, qty: row.qty });
            }
            root.actions.createReturn(root.orderNumber, lines, reason.text);
        } else {
            const dispositions = [];
            for (let i = 0; i < receiveRows.count; ++i) {
                const row = receiveRows.itemAt(i);
                if (!row)
                    continue;
                if (row.restock > 0)
                    dispositions.push({ sku: row.sku, qty: row.restock, kind: "restock", location: row.location });
                if (row.writeOff > 0)
                    dispositions.push({ sku: row.sku, qty: row.writeOff, kind: "writeoff", reason: row.why });
            }
            root.actions.receiveReturn(root.rma.number, dispositions);
        }
    }

        // Nothing to take back or to receive: nothing to confirm.
    Binding {
        target: root.standardButton(Dialog.Ok)
        property: "enabled"
        value: (root.mode === "create" ? createRows.count : receiveRows.count) > 0
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6


        // Create: one row per shipped line that can still come back.
        Repeater {
            id: createRows

            model: root.mode === "create" ? root.orderLines.filter(l => l.shipped - l.returned > 0) : []
            delegate: RowLayout {
                id: createRow

                required property var modelData
                readonly property string sku: createRow.modelData.sku
                readonly property int qty: createQty.value

                Layout.fillWidth: true
                Label {
                    text: createRow.modelData.sku
                    font.family: "DejaVu Sans Mono"
                }
                Label {
                    Layout.fillWidth: true
                    text: createRow.modelData.name
                    elide: Text.ElideRight
                }
                Label {
                    text: qsTr("of %1 shipped", "@label").arg(createRow.modelData.shipped - createRow.modelData.returned)
                    opacity: 0.7
                }
                SpinBox {
                    id: createQty

                    from: 0
                    to: createRow.modelData.shipped - createRow.modelData.returned
                    editable: true
                    Accessible.name: qsTr("Units of %1 coming back", "@label").arg(createRow.modelData.sku)
                }
            }
        }
        TextField {
            id: reason

                        Layout.fillWidth: true
            visible: root.mode === "create" && createRows.count > 0
            placeholderText: qsTr("Reason (e.g. wrong size)", "@info:placeholder")
            Accessible.name: qsTr("Return reason", "@label")
        }

        // Receive: restock where, write off why.
        Repeater {
            id: receiveRows

            model: root.mode === "receive" ? (root.rma.lines || []).filter(l => l.open > 0) : []
            delegate: RowLayout {
                id: receiveRow

                required property var modelData
                readonly property string sku: receiveRow.modelData.sku
                readonly property int restock: restockQty.value
                readonly property int writeOff: writeOffQty.value
                readonly property string location: locationBox.currentText
                readonly property string why: reasonBox.currentValue

                Layout.fillWidth: true
                Label {
                    text: qsTr("%1 × %2", "@label qty × sku").arg(receiveRow.modelData.open).arg(receiveRow.modelData.sku)
                    font.family: "DejaVu Sans Mono"
                }
                Item {
                    Layout.fillWidth: true
                }
                Label {
                    text: qsTr("Restock", "@label")
                }
                SpinBox {
                    id: restockQty

                    from: 0
                    to: receiveRow.modelData.open - writeOffQty.value
                    value: receiveRow.modelData.open
                    editable: true
                    Accessible.name: qsTr("Units of %1 to restock", "@label").arg(receiveRow.modelData.sku)
                }
                ComboBox {
                    id: locationBox

                    implicitWidth: 110
                    model: root.locations.map(l => l.code)
                    Accessible.name: qsTr("Restock at", "@label")
                }
                Label {
                    text: qsTr("Write off", "@label")
                }
                SpinBox {
                    id: writeOffQty

                    from: 0
                    to: receiveRow.modelData.open - restockQty.value
                    editable: true
                    Accessible.name: qsTr("Units of %1 to write off", "@label").arg(receiveRow.modelData.sku)
                }
                ComboBox {
                    id: reasonBox

                    implicitWidth: 110
                    textRole: "label"
                    valueRole: "value"
                    model: [
                        { value: "damaged", label: qsTr("damaged", "@item:inlistbox write-off reason") },
                        { value: "expired", label: qsTr("expired", "@item:inlistbox write-off reason") },
                        { value: "lost", label: qsTr("lost", "@item:inlistbox write-off reason") }
                    ]
                    Accessible.name: qsTr("Write-off reason", "@label")
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: (root.mode === "create" ? createRows.count : receiveRows.count) === 0
            text: root.mode === "create" ? qsTr("Nothing shipped can come back any more.", "@info")
                                         : qsTr("Everything of this return is received.", "@info")
            wrapMode: Text.WordWrap
        }
    }
}
