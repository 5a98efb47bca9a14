// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// A new purchase order as a draft: supplier (a new one can be added here), receiving location, expected date
// (today + the supplier's lead time unless changed) and the lines. It opens in the Receiving view; "Order"
// sends it.
Dialog {
    id: root

    required property InventoryDocuments documents
    property var locations: []
    /** Adds a new supplier; without it there is no "New supplier…". */
    property ProductController setup: null
    /** A supplier just added: selected as soon as the list has it (the change feed brings it). */
    property string newSupplier
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
    /** Selects the supplier just added once the list has it. */
    function pickNewSupplier(): void {
        const index = root.supplierNames.indexOf(root.newSupplier);
        if (root.newSupplier.length > 0 && index >= 0) {
            root.newSupplier = "";
            supplier.currentIndex = index;
        }
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
    onSupplierNamesChanged: root.pickNewSupplier()
    onOpened: {
        root.error = "";
        root.waiting = false;
        root.newSupplier = "";
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
            RowLayout {
                Layout.fillWidth: true
                spacing: 6

                ComboBox {
                    id: supplier

                    Layout.fillWidth: true
                    model: root.supplierNames
                    // The expected date follows the supplier's lead time (suppliers may arrive after opening).
                    onCurrentIndexChanged: expected.text = root.expectedFor(currentIndex)
                    Accessible.name: qsTr("Supplier", "@label")
                }
                Button {
                    visible: root.setup !== null
                    text: qsTr("New supplier…", "@action:button")
                    onClicked: supplierDialog.open()
                    Accessible.name: qsTr("New supplier", "@action:button")
                }
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
            text: root.setup !== null ? qsTr("There are no suppliers yet: add one with New supplier….", "@info")
                                      : qsTr("There are no suppliers yet: add one first (stockroomctl supplier add --name NAME).", "@info")
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

    // Name, e-mail and lead time; the service decides, a refusal shows here and what was typed stays.
    Dialog {
        id: supplierDialog
        objectName: "supplierDialog"

        property bool waiting: false
        property string error

        function add(): void {
            if (supplierDialog.waiting || supplierName.text.trim().length === 0 || root.setup === null)
                return;
            supplierDialog.error = "";
            supplierDialog.waiting = true;
            root.setup.addSupplier(supplierName.text, supplierEmail.text, leadTime.text);
        }

        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        closePolicy: Popup.CloseOnEscape
        width: 400
        title: qsTr("New supplier", "@title:window")
        onOpened: {
            supplierDialog.error = "";
            supplierDialog.waiting = false;
            supplierName.text = "";
            supplierEmail.text = "";
            leadTime.text = "7";
            supplierName.forceActiveFocus();
        }

        Connections {
            target: root.setup
            function onSupplierAdded(ok: bool, message: string, name: string): void {
                if (!supplierDialog.waiting)
                    return;
                supplierDialog.waiting = false;
                if (!ok) {
                    supplierDialog.error = message;
                    return;
                }
                root.newSupplier = name;
                root.pickNewSupplier(); // the feed may have brought it already
                supplierDialog.close();
            }
        }

        GridLayout {
            anchors.fill: parent
            columns: 2
            rowSpacing: 6

            Label {
                text: qsTr("Name:", "@label:textbox")
            }
            TextField {
                id: supplierName

                Layout.fillWidth: true
                Accessible.name: qsTr("Supplier name", "@label")
                onAccepted: supplierDialog.add()
            }
            Label {
                text: qsTr("E-mail:", "@label:textbox")
            }
            TextField {
                id: supplierEmail

                Layout.fillWidth: true
                placeholderText: qsTr("for purchase orders (optional)", "@info:placeholder")
                inputMethodHints: Qt.ImhEmailCharactersOnly
                Accessible.name: qsTr("Supplier e-mail", "@label")
                onAccepted: supplierDialog.add()
            }
            Label {
                text: qsTr("Lead time (days):", "@label:textbox")
            }
            TextField {
                id: leadTime

                Layout.fillWidth: true
                inputMethodHints: Qt.ImhDigitsOnly
                validator: IntValidator { bottom: 0; top: 365 }
                Accessible.name: qsTr("Lead time in days", "@label")
                onAccepted: supplierDialog.add()
            }
            Label {
                Layout.columnSpan: 2
                Layout.fillWidth: true
                visible: supplierDialog.error.length > 0
                text: supplierDialog.error
                color: "#b00020"
                font.bold: true
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.AlertMessage
            }
        }

        footer: DialogButtonBox {
            Button {
                text: qsTr("Add", "@action:button")
                enabled: !supplierDialog.waiting && supplierName.text.trim().length > 0
                highlighted: true
                DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
                onClicked: supplierDialog.add()
            }
            Button {
                text: qsTr("Cancel", "@action:button")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            onRejected: supplierDialog.close()
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
