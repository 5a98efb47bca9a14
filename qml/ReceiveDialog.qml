// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Goods in against a purchase order: the clerk types a quantity per line, or scans each unit into the field
// at the top (a SKU or GTIN adds 1 to its line; a barcode that is not on the purchase order is refused
// loudly), then confirms once: one receipt, one transaction. It stays open with the quantities when refused.
Dialog {
    id: root

    required property InventoryDocuments documents
    /** The purchase order as DocumentList.current has it. */
    property var po: ({})
    property bool waiting: false
    property string error
    property string scanned
    property int total: 0

    function recount(): void {
        let sum = 0;
        for (let i = 0; i < entries.count; ++i)
            sum += parseInt(entries.get(i).qty) || 0;
        root.total = sum;
    }
    function scanCode(code: string): void {
        if (code.trim().length === 0)
            return;
        const row = root.documents.lineForBarcode(root.po.lines, code);
        if (row < 0) {
            root.error = qsTr("✗ %1 is not on %2: set it aside.", "@info barcode, purchase order").arg(code.trim()).arg(root.po.number);
            refusal.restart();
            return;
        }
        entries.setProperty(row, "qty", String((parseInt(entries.get(row).qty) || 0) + 1));
        root.scanned = entries.get(row).sku;
        root.error = "";
        root.recount();
        lines.positionViewAtIndex(row, ListView.Contain);
    }
    function fillOutstanding(): void {
        for (let i = 0; i < entries.count; ++i) {
            const outstanding = entries.get(i).outstanding;
            entries.setProperty(i, "qty", outstanding > 0 ? String(outstanding) : "");
        }
        root.recount();
    }
    function confirm(): void {
        if (root.total <= 0 || root.waiting)
            return;
        const given = [];
        for (let i = 0; i < entries.count; ++i)
            given.push({ sku: entries.get(i).sku, qty: entries.get(i).qty });
        root.error = "";
        root.waiting = true;
        root.documents.receivePurchaseOrder(root.po.number, root.po.version, given, note.text);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(780, parent ? parent.width - 40 : 780)
    title: qsTr("Receive %1 from %2", "@title:window purchase order, supplier").arg(root.po.number || "").arg(root.po.supplier || "")
    onOpened: {
        entries.clear();
        for (const line of (root.po.lines || []))
            entries.append({ sku: line.sku, name: line.name, ordered: line.ordered, received: line.received,
                             outstanding: line.outstanding, qty: "" });
        root.error = "";
        root.scanned = "";
        root.waiting = false;
        note.text = "";
        root.recount();
        scan.forceActiveFocus();
    }

    Connections {
        target: root.documents.purchaseOrders
        function onFinished(ok: bool, message: string): void {
            if (!root.waiting)
                return;
            root.waiting = false;
            if (ok)
                root.close();
            else
                root.error = message;
        }
    }

    ListModel {
        id: entries
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.confirm()
        }

        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: scan

                Layout.fillWidth: true
                font.family: "DejaVu Sans Mono"
                placeholderText: qsTr("Scan a barcode or type a SKU: each Enter adds 1", "@info:placeholder")
                Accessible.name: qsTr("Scan or SKU", "@label")
                onAccepted: {
                    root.scanCode(text);
                    text = "";
                }
            }
            Button {
                text: qsTr("Everything outstanding", "@action:button fill in every outstanding quantity")
                onClicked: root.fillOutstanding()
                Accessible.name: qsTr("Fill in every outstanding quantity", "@action:button")
            }
        }
        // Loud: the clerk is looking at the boxes, not the screen.
        Rectangle {
            Layout.fillWidth: true
            visible: root.error.length > 0
            implicitHeight: errorText.implicitHeight + 12
            radius: 4
            color: Qt.rgba(0.69, 0, 0.13, refusal.running ? 0.3 : 0.12)
            border.color: "#b00020"

            Label {
                id: errorText

                anchors.fill: parent
                anchors.margins: 6
                text: root.error
                color: "#b00020"
                font.bold: true
                font.pixelSize: Math.round(15 * InterfaceSettings.fontScale)
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.AlertMessage
            }
            Timer {
                id: refusal

                interval: 900
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            spacing: 6
            Label {
                Layout.preferredWidth: 100
                text: qsTr("SKU", "@title:column")
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Name", "@title:column")
                font.bold: true
            }
            Label {
                Layout.preferredWidth: 130
                text: qsTr("Received / ordered", "@title:column")
                font.bold: true
                horizontalAlignment: Text.AlignRight
            }
            Label {
                Layout.preferredWidth: 90
                text: qsTr("Outstanding", "@title:column")
                font.bold: true
                horizontalAlignment: Text.AlignRight
            }
            Label {
                Layout.preferredWidth: 150
                text: qsTr("Arrived now", "@title:column")
                font.bold: true
            }
        }
        ListView {
            id: lines

            Layout.fillWidth: true
            Layout.fillHeight: true
            // As tall as its lines, up to what the page leaves for the rest of the dialog.
            Layout.preferredHeight: Math.max(40, Math.min(lines.contentHeight, (root.parent ? root.parent.height : 700) - 280))
            clip: true
            model: entries
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: Rectangle {
                id: line

                required property int index
                required property string sku
                required property string name
                required property int ordered
                required property int received
                required property int outstanding
                required property string qty
                readonly property int over: line.received + (parseInt(line.qty) || 0) - line.ordered

                width: ListView.view.width
                height: 38
                color: line.sku === root.scanned ? "#ffe9a8" : (line.index % 2 ? Qt.darker(root.palette.base, 1.02) : root.palette.base)

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 8
                    anchors.rightMargin: 8
                    spacing: 6
                    Label {
                        Layout.preferredWidth: 100
                        text: line.sku
                        font.family: "DejaVu Sans Mono"
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: line.name
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.preferredWidth: 130
                        text: line.received + " / " + line.ordered
                        horizontalAlignment: Text.AlignRight
                    }
                    Label {
                        Layout.preferredWidth: 90
                        text: line.outstanding > 0 ? line.outstanding : ""
                        horizontalAlignment: Text.AlignRight
                    }
                    TextField {
                        id: qtyField

                        Layout.preferredWidth: 80
                        text: line.qty
                        horizontalAlignment: Text.AlignRight
                        validator: IntValidator {
                            bottom: 0
                            top: 1000000
                        }
                        inputMethodHints: Qt.ImhDigitsOnly
                        Accessible.name: qsTr("Units of %1 arrived now", "@label").arg(line.sku)
                        onTextEdited: {
                            entries.setProperty(line.index, "qty", text);
                            root.recount();
                        }
                        onAccepted: scan.forceActiveFocus()
                    }
                    Label {
                        Layout.preferredWidth: 64
                        // More than ordered is taken and shown as an over-delivery: said before, not after.
                        text: line.over > 0 && (parseInt(line.qty) || 0) > 0 ? qsTr("+%1 over", "@info").arg(line.over) : ""
                        color: "#b45f06"
                        font.bold: true
                    }
                }
            }
        }
        TextField {
            id: note

            Layout.fillWidth: true
            placeholderText: qsTr("Note, e.g. the delivery note number (optional)", "@info:placeholder")
            Accessible.name: qsTr("Receipt note", "@label")
        }
    }

    footer: DialogButtonBox {
        Button {
            text: root.waiting ? qsTr("Receiving…", "@action:button busy")
                               : qsTr("Receive %n unit(s)", "@action:button", root.total)
            enabled: root.total > 0 && !root.waiting
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.confirm()
            ToolTip.visible: hovered
            ToolTip.text: "Ctrl+Enter"
        }
        Button {
            text: qsTr("Cancel", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
