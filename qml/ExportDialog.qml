// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Stockroom

// One of our CSV exports (orders, stock levels, the ledger, products) into a file, as `stockroomctl export`
// writes it: what, since when (orders and the ledger), where; the result line says how many rows went where,
// or why nothing was written.
Dialog {
    id: root

    required property ExportController controller
    /** What the dialog offers first: orders from the Orders view, stock from the Inventory view. */
    property string kind: "orders"
    readonly property var kinds: root.controller.kinds
    readonly property bool takesSince: root.controller.takesSince(kindBox.currentValue || root.kind)

    function openFor(kind: string): void {
        root.kind = kind;
        kindBox.currentIndex = Math.max(0, root.kinds.map(k => k.value).indexOf(kind));
        fileField.text = root.controller.pathOf(root.controller.suggestedFile(kindBox.currentValue));
        root.controller.clear();
        root.open();
    }
    function chooseFile(): void {
        if (root.controller.busy)
            return;
        fileDialog.selectedFile = root.controller.urlOf(fileField.text);
        fileDialog.open();
    }
    function run(): void {
        if (!root.controller.busy && fileField.text.trim().length > 0)
            root.controller.run(kindBox.currentValue, root.takesSince ? since.text : "", fileField.text);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(620, parent ? parent.width - 40 : 620)
    title: qsTr("Export", "@title:window")
    onOpened: kindBox.forceActiveFocus()

    FileDialog {
        id: fileDialog

        title: qsTr("Export to", "@title:window")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)", "@item:inlistbox"), qsTr("All files (*)", "@item:inlistbox")]
        onAccepted: fileField.text = root.controller.pathOf(fileDialog.selectedFile)
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Export", "@action:button")
            enabled: !root.controller.busy && fileField.text.trim().length > 0
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.run()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Write the file (Ctrl+Enter)", "@info:tooltip")
        }
        Button {
            text: qsTr("Close", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.run()
        }
        Shortcut {
            sequence: StandardKey.Open
            enabled: root.opened
            onActivated: root.chooseFile()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 3
            columnSpacing: 10
            rowSpacing: 8
            enabled: !root.controller.busy

            Label {
                text: qsTr("What:", "@label:listbox")
            }
            ComboBox {
                id: kindBox

                Layout.fillWidth: true
                Layout.columnSpan: 2
                model: root.kinds
                textRole: "label"
                valueRole: "value"
                Accessible.name: qsTr("What to export", "@label")
                onActivated: {
                    // A file name still as suggested follows the choice; one the clerk chose stays.
                    const previous = root.controller.pathOf(root.controller.suggestedFile(root.kind));
                    if (fileField.text === previous)
                        fileField.text = root.controller.pathOf(root.controller.suggestedFile(kindBox.currentValue));
                    root.kind = kindBox.currentValue;
                }
            }
            Label {
                text: qsTr("Since:", "@label:textbox")
                enabled: root.takesSince
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.columnSpan: 2
                spacing: 10

                TextField {
                    id: since

                    Layout.preferredWidth: 140
                    enabled: root.takesSince
                    placeholderText: qsTr("yyyy-mm-dd", "@info:placeholder")
                    validator: RegularExpressionValidator { regularExpression: /^$|^\d{4}-\d{2}-\d{2}$/ }
                    Accessible.name: qsTr("Since date (optional)", "@label")
                    onAccepted: root.run()
                }
                Label {
                    Layout.fillWidth: true
                    text: root.takesSince
                          ? (kindBox.currentValue === "ledger" ? qsTr("Movements from that day on; empty: all.", "@info")
                                                               : qsTr("Orders placed or changed from that day on; empty: all.", "@info"))
                          : qsTr("Always everything as it is now.", "@info")
                    wrapMode: Text.WordWrap
                    font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                    opacity: 0.7
                }
            }
            Label {
                text: qsTr("File:", "@label:textbox")
            }
            TextField {
                id: fileField

                Layout.fillWidth: true
                selectByMouse: true
                Accessible.name: qsTr("File to write", "@label")
                onAccepted: root.run()
            }
            Button {
                text: qsTr("Choose…", "@action:button")
                onClicked: root.chooseFile()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose where to save the file (Ctrl+O)", "@info:tooltip")
                Accessible.name: qsTr("Choose the file", "@action:button")
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            BusyIndicator {
                Layout.preferredWidth: 22
                Layout.preferredHeight: 22
                running: root.controller.busy
                visible: running
                Accessible.name: qsTr("Exporting", "@info")
            }
            Label {
                Layout.fillWidth: true
                visible: root.controller.busy || root.controller.message.length > 0
                text: root.controller.busy ? qsTr("Exporting…", "@info")
                                           : (root.controller.failed ? "⚠ " : "✓ ") + root.controller.message
                wrapMode: Text.WrapAnywhere
                color: root.controller.failed ? "#b00020" : (root.controller.busy ? root.palette.windowText : "#2e7d32")
                font.bold: root.controller.failed
                Accessible.role: Accessible.AlertMessage
                Accessible.name: root.controller.message
            }
        }
    }
}
