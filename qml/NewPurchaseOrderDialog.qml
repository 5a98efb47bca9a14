// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// A new purchase order as a draft: supplier, receiving location, expected date (today + the supplier's lead
// time unless changed) and the lines. It opens in the Receiving view; "Order" sends it.
Dialog {
    id: root

    required property InventoryDocuments documents
    property var locations: []
    property bool waiting: false
    property string error
    readonly property var supplierNames: root.documents.suppliers.map(s => s.name)

    function expectedFor(index: int): string {
        if (index < 0 || index >= root.documents.suppliers.length)
            return "";
        const date = new Date();
        date.setDate(date.getDate() + root.documents.suppliers[index].leadTimeDays);
        return Qt.formatDate(date, "yyyy-MM-dd");
    }
    function confirm(): void {
        if (root.waiting)
            return;
        root.error = "";
        root.waiting = true;
        root.documents.createPurchaseOrder(supplier.currentText, location.currentText, expected.text, editor.lines(), note.text);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(620, parent ? parent.width - 40 : 620)
    title: qsTr("New purchase order", "@title:window")
    onOpened: {
        root.error = "";
        root.waiting = false;
        editor.clear();
        note.text = "";
        expected.text = root.expectedFor(supplier.currentIndex);
        supplier.forceActiveFocus();
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

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.confirm()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 2
            rowSpacing: 6

            Label {
                text: qsTr("Supplier:", "@label:listbox")
            }
            ComboBox {
                id: supplier

                Layout.fillWidth: true
                model: root.supplierNames
                // The expected date follows the supplier's lead time (suppliers may arrive after opening).
                onCurrentIndexChanged: expected.text = root.expectedFor(currentIndex)
                Accessible.name: qsTr("Supplier", "@label")
            }
            Label {
                text: qsTr("Deliver to:", "@label:listbox")
            }
            ComboBox {
                id: location

                Layout.fillWidth: true
                model: root.locations.map(l => l.code)
                Accessible.name: qsTr("Receiving location", "@label")
            }
            Label {
                text: qsTr("Expected:", "@label:textbox")
            }
            TextField {
                id: expected

                Layout.fillWidth: true
                placeholderText: qsTr("yyyy-mm-dd (optional)", "@info:placeholder")
                validator: RegularExpressionValidator {
                    regularExpression: /^$|^\d{4}-\d{2}-\d{2}$/
                }
                Accessible.name: qsTr("Expected date", "@label")
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.supplierNames.length === 0
            text: qsTr("There are no suppliers yet: add one first (stockroomctl supplier add --name NAME).", "@info")
            color: "#b45f06"
            wrapMode: Text.WordWrap
        }
        DocumentLinesEditor {
            id: editor

            Layout.fillWidth: true
            withCost: true
        }
        TextField {
            id: note

            Layout.fillWidth: true
            placeholderText: qsTr("Note (optional)", "@info:placeholder")
            Accessible.name: qsTr("Note", "@label")
        }
        Label {
            Layout.fillWidth: true
            visible: root.error.length > 0
            text: root.error
            color: "#b00020"
            font.bold: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Create draft", "@action:button")
            enabled: !root.waiting && root.supplierNames.length > 0 && root.locations.length > 0
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
