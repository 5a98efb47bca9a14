// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The lines of a new purchase order or transfer: SKU (typed or scanned), quantity and, for purchase orders,
// an optional unit cost. Enter moves on: SKU → quantity → (cost →) a new line. The service checks the SKUs.
ColumnLayout {
    id: root

    property bool withCost: false

    /** The lines as typed: [{sku, qty, cost}] (empty rows are skipped by the controller). */
    function lines(): var {
        const result = [];
        for (let i = 0; i < entries.count; ++i) {
            const entry = entries.get(i);
            result.push({ sku: entry.sku, qty: entry.qty, cost: entry.cost });
        }
        return result;
    }
    function clear(): void {
        entries.clear();
        entries.append({ sku: "", qty: "", cost: "" });
    }
    function focusFirst(): void {
        const first = rows.itemAt(0);
        if (first)
            first.focusSku();
    }
    function addLine(): void {
        entries.append({ sku: "", qty: "", cost: "" });
        Qt.callLater(() => {
            const last = rows.itemAt(entries.count - 1);
            if (last)
                last.focusSku();
        });
    }

    spacing: 4

    component LineRow: RowLayout {
        id: row

        required property int index
        required property string sku
        required property string qty
        required property string cost

        function focusSku(): void {
            skuField.forceActiveFocus();
        }

        Layout.fillWidth: true
        spacing: 6

        TextField {
            id: skuField

            Layout.fillWidth: true
            text: row.sku
            font.family: "DejaVu Sans Mono"
            placeholderText: qsTr("SKU or scan", "@info:placeholder")
            Accessible.name: qsTr("SKU of line %1", "@label").arg(row.index + 1)
            onTextEdited: entries.setProperty(row.index, "sku", text)
            onAccepted: qtyField.forceActiveFocus()
        }
        TextField {
            id: qtyField

            Layout.preferredWidth: 80
            text: row.qty
            horizontalAlignment: Text.AlignRight
            placeholderText: qsTr("Qty", "@info:placeholder quantity")
            validator: IntValidator {
                bottom: 0
                top: 1000000
            }
            inputMethodHints: Qt.ImhDigitsOnly
            Accessible.name: qsTr("Quantity of line %1", "@label").arg(row.index + 1)
            onTextEdited: entries.setProperty(row.index, "qty", text)
            onAccepted: {
                if (root.withCost)
                    costField.forceActiveFocus();
                else if (row.index === entries.count - 1)
                    root.addLine();
                else
                    rows.itemAt(row.index + 1).focusSku();
            }
        }
        TextField {
            id: costField

            Layout.preferredWidth: 90
            visible: root.withCost
            text: row.cost
            horizontalAlignment: Text.AlignRight
            placeholderText: qsTr("Cost", "@info:placeholder unit cost, optional")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Accessible.name: qsTr("Unit cost of line %1 (empty: the product's cost)", "@label").arg(row.index + 1)
            onTextEdited: entries.setProperty(row.index, "cost", text)
            onAccepted: {
                if (row.index === entries.count - 1)
                    root.addLine();
                else
                    rows.itemAt(row.index + 1).focusSku();
            }
        }
        ToolButton {
            text: "✕"
            enabled: entries.count > 1
            onClicked: entries.remove(row.index)
            Accessible.name: qsTr("Remove line %1", "@action:button").arg(row.index + 1)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Remove this line", "@info:tooltip")
        }
    }

    ListModel {
        id: entries

        ListElement {
            sku: ""
            qty: ""
            cost: ""
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 6
        Label {
            Layout.fillWidth: true
            text: qsTr("SKU", "@title:column")
            font.bold: true
        }
        Label {
            Layout.preferredWidth: 80
            text: qsTr("Quantity", "@title:column")
            font.bold: true
            horizontalAlignment: Text.AlignRight
        }
        Label {
            Layout.preferredWidth: 90
            visible: root.withCost
            text: qsTr("Unit cost", "@title:column")
            font.bold: true
            horizontalAlignment: Text.AlignRight
        }
        Item {
            Layout.preferredWidth: 32
        }
    }
    ScrollView {
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(column.implicitHeight, 230)
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            id: column

            width: parent.width
            spacing: 2

            Repeater {
                id: rows

                model: entries
                delegate: LineRow {}
            }
        }
    }
    Button {
        text: qsTr("Add line", "@action:button")
        onClicked: root.addLine()
        Accessible.name: text
    }
}
