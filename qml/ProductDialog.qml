// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Add a product or change one: name, barcode (its check digit checked as it is typed or scanned), cost,
// price, weight, active. The service decides; a refusal is shown here and the dialog stays open to fix it.
Dialog {
    id: root

    required property ProductController controller
    /** True: a new product (the SKU can be typed); false: the shown product. */
    property bool create: false
    /** The product's fields as ProductController.product has them (empty for a new one). */
    property var values: ({})
    property bool waiting: false
    readonly property var gtinCheck: root.controller.checkGtin(gtin.text)
    readonly property bool complete: name.text.trim().length > 0 && (!root.create || sku.text.trim().length > 0)

    function save(): void {
        if (!root.complete || !root.gtinCheck.valid || root.controller.busy)
            return;
        root.waiting = true;
        root.controller.saveProduct({
            sku: root.create ? sku.text : root.values.sku,
            name: name.text,
            gtin: gtin.text,
            unitCost: cost.text,
            price: price.text,
            weightGrams: weight.text,
            active: active.checked
        }, root.create);
    }

    modal: true
    width: 460
    title: root.create ? qsTr("New product", "@title:window") : qsTr("Edit %1", "@title:window").arg(root.values.sku || "")
    onOpened: {
        root.waiting = false;
        problem.text = "";
        sku.text = "";
        name.text = root.values.name || "";
        gtin.text = root.values.gtin || "";
        cost.text = root.values.unitCostInput || "";
        price.text = root.values.priceInput || "";
        weight.text = root.values.weightGrams !== undefined ? String(root.values.weightGrams) : "";
        active.checked = root.values.active !== undefined ? root.values.active : true;
        if (root.create)
            sku.forceActiveFocus();
        else
            name.forceActiveFocus();
    }

    // A refusal is shown here; once the editor is closed it is no longer news for the pane.
    onClosed: {
        if (root.controller.failed)
            root.controller.clearMessage();
    }

    Connections {
        target: root.controller
        function onSaved(ok: bool, message: string, savedSku: string): void {
            if (!root.waiting)
                return;
            root.waiting = false;
            if (ok)
                root.close();
            else
                problem.text = message;
        }
    }

    footer: DialogButtonBox {
        Button {
            text: root.create ? qsTr("Add", "@action:button") : qsTr("Save", "@action:button")
            enabled: root.complete && root.gtinCheck.valid && !root.controller.busy
            DialogButtonBox.buttonRole: DialogButtonBox.ApplyRole
        }
        Button {
            text: qsTr("Cancel", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        // Apply, not Accept: the dialog closes only when the service said yes.
        onApplied: root.save()
        onRejected: root.close()
    }

    GridLayout {
        anchors.fill: parent
        columns: 2
        rowSpacing: 6

        Label {
            visible: root.create
            text: qsTr("SKU:", "@label:textbox")
        }
        TextField {
            id: sku

            Layout.fillWidth: true
            visible: root.create
            font.family: "DejaVu Sans Mono"
            placeholderText: qsTr("e.g. MUG-ENAMEL-BLUE", "@info:placeholder")
            Accessible.name: qsTr("SKU", "@label")
            onAccepted: root.save()
        }
        Label {
            text: qsTr("Name:", "@label:textbox")
        }
        TextField {
            id: name

            Layout.fillWidth: true
            Accessible.name: qsTr("Product name", "@label")
            onAccepted: root.save()
        }
        Label {
            Layout.alignment: Qt.AlignTop
            topPadding: gtin.topPadding
            text: qsTr("GTIN / EAN:", "@label:textbox")
        }
        // The barcode and what its check digit says, in one cell: a hidden verdict must not shift the grid.
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            TextField {
                id: gtin

                Layout.fillWidth: true
                font.family: "DejaVu Sans Mono"
                placeholderText: qsTr("scan or type the barcode (optional)", "@info:placeholder")
                inputMethodHints: Qt.ImhDigitsOnly
                Accessible.name: qsTr("Barcode", "@label")
                Accessible.description: gtinVerdict.text
                onAccepted: root.save()
            }
            Label {
                id: gtinVerdict

                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                visible: gtin.text.trim().length > 0
                // Words first, colour second.
                text: root.gtinCheck.valid ? qsTr("✓ Valid check digit", "@info")
                                           : qsTr("✗ %1", "@info invalid barcode").arg(root.gtinCheck.message)
                color: root.gtinCheck.valid ? "#2e7d32" : "#b00020"
                font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
            }
        }
        Label {
            text: qsTr("Unit cost:", "@label:textbox")
        }
        TextField {
            id: cost

            Layout.fillWidth: true
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            placeholderText: qsTr("what one unit costs us", "@info:placeholder")
            Accessible.name: qsTr("Unit cost", "@label")
            onAccepted: root.save()
        }
        Label {
            text: qsTr("Price:", "@label:textbox")
        }
        TextField {
            id: price

            Layout.fillWidth: true
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Accessible.name: qsTr("Price", "@label")
            onAccepted: root.save()
        }
        Label {
            text: qsTr("Weight (g):", "@label:textbox")
        }
        TextField {
            id: weight

            Layout.fillWidth: true
            inputMethodHints: Qt.ImhDigitsOnly
            validator: IntValidator { bottom: 0; top: 1000000 }
            Accessible.name: qsTr("Weight in grams", "@label")
            onAccepted: root.save()
        }
        Item {
            width: 1
            height: 1
        }
        CheckBox {
            id: active

            text: qsTr("Active (can be sold and ordered)", "@option:check")
        }
        Label {
            id: problem

            Layout.columnSpan: 2
            Layout.fillWidth: true
            visible: text.length > 0
            wrapMode: Text.WordWrap
            color: "#b00020"
        }
    }
}
