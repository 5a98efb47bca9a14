// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// An order typed in by a clerk (a phone order): the customer, the channel and payment state, and the lines.
// Under each line the earliest promise for its quantity, so the clerk can tell the customer while still on the
// phone; Place order (Ctrl+Enter) places it as `stockroomctl place-order` does and shows what came of it here:
// the order's state, where each line's units come from, and for the units that wait, the date that could be
// promised. Refusals (no lines, a quantity of 0, a SKU that is none of ours) show here and nothing is placed.
Dialog {
    id: root

    required property NewOrderController controller
    required property ReplenishmentController planner
    /** Channels seen so far, offered for the channel field (manual first). */
    property var channels: []
    /** Off while the database is unreachable: nothing can be placed. */
    property bool writable: true
    readonly property var placedOrder: root.controller.result
    readonly property bool placed: root.placedOrder.number !== undefined

    /** Lines to fill in when the dialog opens, "SKU:QTY,SKU:QTY" (--dialog new-order --product, for screenshots). */
    property string pendingLines

    /** The clerk wants to see the order just placed (the page shows it). */
    signal orderRequested(string number)

    function lines(): var {
        const result = [];
        for (let i = 0; i < entries.count; ++i) {
            const entry = entries.get(i);
            result.push({ sku: entry.sku, qty: entry.qty });
        }
        return result;
    }
    function clearForm(): void {
        customer.text = "";
        email.text = "";
        region.text = "";
        postcode.text = "";
        channel.currentIndex = 0;
        channel.editText = channel.model[0];
        payment.currentIndex = 0;
        entries.clear();
        entries.append({ sku: "", qty: "" });
    }
    function addLine(): void {
        entries.append({ sku: "", qty: "" });
        Qt.callLater(() => {
            const last = rows.itemAt(entries.count - 1);
            if (last)
                last.focusSku();
        });
    }
    function placeOrder(): void {
        if (!root.writable || root.controller.busy)
            return;
        root.controller.place({
            customer: customer.text,
            email: email.text,
            region: region.text,
            postcode: postcode.text,
            channel: channel.editText,
            payment: payment.currentValue,
            lines: root.lines()
        });
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(820, parent ? parent.width - 40 : 820)
    height: Math.min(700, parent ? parent.height - 40 : 700)
    title: qsTr("New order", "@title:window")
    onOpened: {
        root.controller.clear();
        root.clearForm();
        if (root.pendingLines.length > 0) {
            entries.clear();
            for (const part of root.pendingLines.split(",")) {
                const colon = part.lastIndexOf(":");
                entries.append(colon > 0 ? { sku: part.slice(0, colon).trim(), qty: part.slice(colon + 1).trim() }
                                         : { sku: part.trim(), qty: "1" });
                root.controller.lookup(entries.get(entries.count - 1).sku);
            }
            root.pendingLines = "";
        }
        customer.forceActiveFocus();
    }
    onClosed: root.controller.clear()

    Connections {
        target: root.controller
        function onFinished(ok: bool, number: string): void {
            // Placed: the form is ready for the next call; what happened stays on show until then.
            if (ok && root.opened) {
                root.clearForm();
                customer.forceActiveFocus();
            }
        }
    }

    component LineRow: ColumnLayout {
        id: row

        required property int index
        required property string sku
        required property string qty
        readonly property string productName: root.controller.names[row.sku.trim()] || ""

        function focusSku(): void {
            skuField.forceActiveFocus();
        }

        spacing: 2

        RowLayout {
            Layout.fillWidth: true
            spacing: 6

            TextField {
                id: skuField

                Layout.preferredWidth: 170
                text: row.sku
                font.family: "DejaVu Sans Mono"
                placeholderText: qsTr("SKU or scan", "@info:placeholder")
                Accessible.name: qsTr("SKU of line %1", "@label").arg(row.index + 1)
                onTextEdited: {
                    entries.setProperty(row.index, "sku", text);
                    root.controller.lookup(text);
                }
                onAccepted: qtyField.forceActiveFocus()
            }
            Label {
                Layout.fillWidth: true
                text: row.productName
                elide: Text.ElideRight
                opacity: 0.8
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Product of line %1: %2", "@label").arg(row.index + 1).arg(row.productName)
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
                // Enter in the last line's quantity starts a new line; elsewhere it goes to the next line.
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
        PromiseLine {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 44
            planner: root.planner
            sku: row.sku.trim()
            qty: parseInt(row.qty) || 0
        }
    }

    ListModel {
        id: entries

        ListElement {
            sku: ""
            qty: ""
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.placeOrder()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 4
            rowSpacing: 6
            columnSpacing: 8

            Label {
                text: qsTr("Customer:", "@label:textbox")
            }
            TextField {
                id: customer

                Layout.fillWidth: true
                placeholderText: qsTr("Name", "@info:placeholder")
                Accessible.name: qsTr("Customer name", "@label")
            }
            Label {
                text: qsTr("E-mail:", "@label:textbox")
            }
            TextField {
                id: email

                Layout.fillWidth: true
                placeholderText: qsTr("optional", "@info:placeholder")
                inputMethodHints: Qt.ImhEmailCharactersOnly
                Accessible.name: qsTr("Customer e-mail", "@label")
            }
            Label {
                text: qsTr("Region:", "@label:textbox")
            }
            TextField {
                id: region

                Layout.fillWidth: true
                placeholderText: qsTr("optional: breaks ties between locations", "@info:placeholder")
                Accessible.name: qsTr("Ship-to region", "@label")
            }
            Label {
                text: qsTr("Postcode:", "@label:textbox")
            }
            TextField {
                id: postcode

                Layout.fillWidth: true
                placeholderText: qsTr("optional: the nearest location ships", "@info:placeholder")
                Accessible.name: qsTr("Ship-to postcode", "@label")
            }
            Label {
                text: qsTr("Channel:", "@label:listbox")
            }
            ComboBox {
                id: channel

                Layout.fillWidth: true
                editable: true
                model: ["manual"].concat(root.channels.filter(c => c !== "manual"))
                Accessible.name: qsTr("Sales channel", "@label")
            }
            Label {
                text: qsTr("Payment:", "@label:listbox")
            }
            ComboBox {
                id: payment

                Layout.fillWidth: true
                model: root.controller.paymentChoices
                textRole: "text"
                valueRole: "value"
                Accessible.name: qsTr("Payment state", "@label")
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            Label {
                Layout.preferredWidth: 170
                text: qsTr("SKU", "@title:column")
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Product", "@title:column")
                font.bold: true
            }
            Label {
                Layout.preferredWidth: 80
                text: qsTr("Quantity", "@title:column")
                font.bold: true
                horizontalAlignment: Text.AlignRight
            }
            Item {
                Layout.preferredWidth: 32
            }
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 90
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                width: parent.width
                spacing: 6

                Repeater {
                    id: rows

                    model: entries
                    delegate: LineRow {
                        Layout.fillWidth: true
                    }
                }
                Button {
                    text: qsTr("Add line", "@action:button")
                    onClicked: root.addLine()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Or press Enter in the last quantity", "@info:tooltip")
                    Accessible.name: text
                }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: !root.writable
            text: qsTr("The database cannot be reached: orders can be placed again once it is back.", "@info")
            color: "#b45f06"
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            visible: root.controller.message.length > 0
            text: qsTr("Not placed: %1", "@info why").arg(root.controller.message)
            color: "#b00020"
            font.bold: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        // What the last order placed came to: its state, each line's sources, and the promise for what waits.
        Frame {
            Layout.fillWidth: true
            visible: root.placed

            ColumnLayout {
                anchors.fill: parent
                spacing: 4

                RowLayout {
                    Layout.fillWidth: true

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 placed: %2", "@info order number, status").arg(root.placedOrder.number || "").arg(root.placedOrder.statusText || "")
                        font.bold: true
                        color: "#2e7d32"
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                    Button {
                        text: qsTr("Show order", "@action:button")
                        onClicked: root.orderRequested(root.placedOrder.number)
                        Accessible.name: qsTr("Show order %1", "@action:button").arg(root.placedOrder.number || "")
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: root.placedOrder.explanation || ""
                    wrapMode: Text.WordWrap
                }
                Repeater {
                    model: root.placedOrder.lines || []
                    delegate: ColumnLayout {
                        id: placedLine

                        required property var modelData

                        Layout.fillWidth: true
                        spacing: 0

                        Label {
                            Layout.fillWidth: true
                            text: {
                                const line = placedLine.modelData;
                                const parts = [];
                                if (line.allocated.length > 0)
                                    parts.push(line.allocated);
                                if (line.backordered > 0)
                                    parts.push(qsTr("%n backordered", "@info units", line.backordered));
                                return qsTr("%1 × %2 %3: %4", "@info qty, SKU, product name, where from")
                                    .arg(line.qty).arg(line.sku).arg(line.name.length > 0 ? "(" + line.name + ")" : "")
                                    .arg(parts.join(", "));
                            }
                            wrapMode: Text.WordWrap
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.leftMargin: 16
                            visible: placedLine.modelData.promise.length > 0
                            text: placedLine.modelData.promise
                            color: "#b26a00"
                            wrapMode: Text.WordWrap
                            Accessible.role: Accessible.StaticText
                            Accessible.name: placedLine.modelData.promise
                        }
                    }
                }
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: root.controller.busy ? qsTr("Placing…", "@action:button") : qsTr("Place order", "@action:button")
            enabled: root.writable && !root.controller.busy
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.placeOrder()
            ToolTip.visible: hovered
            ToolTip.text: "Ctrl+Enter"
            Accessible.name: qsTr("Place the order", "@action:button")
        }
        Button {
            text: qsTr("Close", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            Accessible.name: qsTr("Close", "@action:button")
        }
    }
}
