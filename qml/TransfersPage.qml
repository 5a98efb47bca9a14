// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Transfers between locations: requested, shipped (in transit), received line by line with what did not
// arrive and why. Missing units wait in amber for a manager: written off, or still expected.
Page {
    id: root
    Accessible.name: qsTr("Transfers", "@title:tab")

    required property InventoryDocuments documents
    property var locations: []
    /** Off while the database is unreachable: what is on screen stays, read-only. */
    property bool writable: true
    /** --dialog new|receive (screenshots): opened once the data is there. */
    property string initialDialog
    readonly property DocumentList desk: root.documents.transfers
    readonly property var transfer: root.desk.current
    readonly property bool has: root.transfer.number !== undefined
    readonly property bool canAct: root.writable && !root.desk.busy && root.has

    function receive(): void {
        receiveDialog.transfer = root.transfer;
        receiveDialog.open();
    }
    function openInitialDialog(): void {
        if (root.initialDialog === "new") {
            root.initialDialog = "";
            newDialog.open();
        } else if (root.initialDialog === "receive") {
            if (root.has && root.transfer.canReceive) {
                root.initialDialog = "";
                root.receive();
                return;
            }
            for (let i = 0; i < root.desk.count; ++i) {
                const row = root.desk.get(i);
                if (row.status === "in_transit") {
                    if (root.desk.currentNumber !== row.number)
                        root.desk.currentNumber = row.number;
                    return;
                }
            }
        }
    }

    padding: 12

    Component.onCompleted: root.openInitialDialog()

    Connections {
        target: root.desk
        function onRowsChanged(): void {
            root.openInitialDialog();
        }
        function onCurrentChanged(): void {
            root.openInitialDialog();
        }
    }

    Shortcut {
        sequence: "Ctrl+N"
        enabled: root.visible && root.writable
        onActivated: newDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+F"
        enabled: root.visible
        onActivated: statusFilter.forceActiveFocus()
    }
    Shortcut {
        sequence: "Ctrl+Shift+Q"
        enabled: root.visible && root.canAct && root.transfer.canRequest === true
        onActivated: root.documents.requestTransfer(root.transfer.number, root.transfer.version)
    }
    Shortcut {
        sequence: "Ctrl+Shift+S"
        enabled: root.visible && root.canAct && root.transfer.canShip === true
        onActivated: root.documents.shipTransfer(root.transfer.number, root.transfer.version)
    }
    Shortcut {
        sequence: "Ctrl+Shift+R"
        enabled: root.visible && root.canAct && root.transfer.canReceive === true
        onActivated: root.receive()
    }
    Shortcut {
        sequence: "Ctrl+Shift+A"
        enabled: root.visible && root.canAct && root.transfer.canDecide === true
        onActivated: writeOffDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+J"
        enabled: root.visible && root.canAct && root.transfer.canDecide === true
        onActivated: root.documents.decideMissing(root.transfer.number, root.transfer.version, false)
    }
    Shortcut {
        sequence: "Ctrl+Shift+X"
        enabled: root.visible && root.canAct && root.transfer.canCancel === true
        onActivated: cancelDialog.open()
    }

    NewTransferDialog {
        id: newDialog

        anchors.centerIn: parent
        documents: root.documents
        locations: root.locations
    }
    TransferReceiveDialog {
        id: receiveDialog

        anchors.centerIn: parent
        documents: root.documents
    }
    ConfirmDialog {
        id: cancelDialog

        anchors.centerIn: parent
        title: qsTr("Cancel %1?", "@title:window").arg(root.transfer.number || "")
        text: qsTr("Nothing has left %1 yet; the transfer will not happen.", "@info").arg(root.transfer.from || "")
        onAccepted: root.documents.cancelTransfer(root.transfer.number, root.transfer.version)
    }
    ConfirmDialog {
        id: writeOffDialog

        anchors.centerIn: parent
        title: qsTr("Write off the missing units of %1?", "@title:window").arg(root.transfer.number || "")
        text: qsTr("%n unit(s) reported missing stop counting as in transit and are written off. This cannot be undone.", "@info", root.transfer.missing || 0)
        onAccepted: root.documents.decideMissing(root.transfer.number, root.transfer.version, true)
    }

    header: ToolBar {
        background: null
        contentHeight: filters.implicitHeight + 8

        Flow {
            id: filters

            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            anchors.topMargin: 4
            spacing: 8

            ComboBox {
                id: statusFilter

                width: 170
                textRole: "label"
                valueRole: "value"
                model: root.desk.statusChoices
                Component.onCompleted: currentIndex = indexOfValue(root.desk.statusFilter)
                onActivated: root.desk.statusFilter = currentValue
                Accessible.name: qsTr("Show transfers by status (Ctrl+F)", "@label")
            }
            Button {
                text: qsTr("New transfer…", "@action:button")
                enabled: root.writable
                onClicked: newDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: "Ctrl+N"
                Accessible.name: qsTr("New transfer", "@action:button")
            }
            Label {
                height: statusFilter.height
                verticalAlignment: Text.AlignVCenter
                text: qsTr("%n transfer(s)", "@info", root.desk.count)
                opacity: 0.8
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        DocumentListPane {
            Layout.fillWidth: true
            Layout.fillHeight: true
            list: root.desk
            separator: " → "
            titles: [qsTr("Transfer", "@title:column"), qsTr("From → to", "@title:column"), "",
                     qsTr("Status", "@title:column"), qsTr("Date", "@title:column shipped, requested or created"),
                     qsTr("Arrived", "@title:column arrived / sent units"), qsTr("Missing", "@title:column")]
            widths: [85, 0, 0, 95, 80, 60, 75]
            emptyText: qsTr("No transfers here. Ctrl+N starts one.", "@info")
        }

        Frame {
            Layout.preferredWidth: Math.max(460, Math.min(640, root.availableWidth * 0.46))
            Layout.fillHeight: true
            padding: 10

            ColumnLayout {
                anchors.fill: parent
                spacing: 4

                Label {
                    visible: !root.has
                    text: root.desk.currentNumber.length > 0 ? root.desk.currentNumber : qsTr("No transfer selected", "@info")
                    font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                    font.bold: true
                }
                RowLayout {
                    visible: root.has
                    spacing: 8
                    Label {
                        text: root.transfer.number || ""
                        font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                        font.bold: true
                    }
                    StatusBadge {
                        status: root.transfer.badge || ""
                        text: root.transfer.statusText || ""
                    }
                    Label {
                        text: (root.transfer.from || "") + " → " + (root.transfer.to || "")
                        font.pixelSize: Math.round(16 * InterfaceSettings.fontScale)
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.has
                    text: [qsTr("created by %1, %2", "@info").arg(root.transfer.createdBy || "").arg(root.transfer.created || ""),
                           (root.transfer.requestedAt || "").length > 0 ? qsTr("requested %1", "@info").arg(root.transfer.requestedAt) : "",
                           (root.transfer.shippedAt || "").length > 0 ? qsTr("shipped by %1, %2", "@info").arg(root.transfer.shippedBy || "").arg(root.transfer.shippedAt) : "",
                           (root.transfer.receivedAt || "").length > 0 ? qsTr("received %1", "@info").arg(root.transfer.receivedAt) : ""]
                          .filter(t => t.length > 0).join(" · ")
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    opacity: 0.75
                    wrapMode: Text.WordWrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.transfer.note || "").length > 0
                    text: qsTr("Note: %1", "@info").arg(root.transfer.note || "")
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.transfer.shortages || "").length > 0
                    text: qsTr("⚠ Not enough available at %1 to ship: %2", "@info").arg(root.transfer.from || "").arg(root.transfer.shortages || "")
                    color: "#b45f06"
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                // Missing units wait for a manager: the decision is the point of this box.
                Rectangle {
                    Layout.fillWidth: true
                    visible: root.transfer.canDecide === true
                    implicitHeight: missingBox.implicitHeight + 12
                    radius: 4
                    color: Qt.rgba(0.71, 0.37, 0.02, 0.12)
                    border.color: "#b45f06"

                    Label {
                        id: missingBox

                        anchors.fill: parent
                        anchors.margins: 6
                        text: qsTr("%n unit(s) reported missing, waiting for a manager: approve writes them off, reject keeps them in transit.", "@info", root.transfer.missing || 0)
                        color: Qt.darker("#b45f06", 1.2)
                        wrapMode: Text.WordWrap
                    }
                }

                GridLayout {
                    Layout.fillWidth: true
                    Layout.topMargin: 4
                    visible: root.has
                    columns: 3
                    columnSpacing: 4
                    rowSpacing: 2

                    DocumentActionButton {
                        text: qsTr("Request", "@action:button ask the source to send it")
                        shortcut: "Ctrl+Shift+Q"
                        enabled: root.canAct && root.transfer.canRequest === true
                        onClicked: root.documents.requestTransfer(root.transfer.number, root.transfer.version)
                    }
                    DocumentActionButton {
                        text: qsTr("Ship", "@action:button")
                        shortcut: "Ctrl+Shift+S"
                        enabled: root.canAct && root.transfer.canShip === true
                        highlighted: enabled
                        onClicked: root.documents.shipTransfer(root.transfer.number, root.transfer.version)
                    }
                    DocumentActionButton {
                        text: qsTr("Receive…", "@action:button")
                        shortcut: "Ctrl+Shift+R"
                        enabled: root.canAct && root.transfer.canReceive === true
                        highlighted: enabled
                        onClicked: root.receive()
                    }
                    DocumentActionButton {
                        text: qsTr("Approve missing…", "@action:button write the missing units off")
                        shortcut: "Ctrl+Shift+A"
                        enabled: root.canAct && root.transfer.canDecide === true
                        onClicked: writeOffDialog.open()
                    }
                    DocumentActionButton {
                        text: qsTr("Reject missing", "@action:button the missing units are still expected")
                        shortcut: "Ctrl+Shift+J"
                        enabled: root.canAct && root.transfer.canDecide === true
                        onClicked: root.documents.decideMissing(root.transfer.number, root.transfer.version, false)
                    }
                    DocumentActionButton {
                        text: qsTr("Cancel…", "@action:button")
                        shortcut: "Ctrl+Shift+X"
                        enabled: root.canAct && root.transfer.canCancel === true
                        onClicked: cancelDialog.open()
                    }
                }
                DocumentMessage {
                    Layout.fillWidth: true
                    list: root.desk
                }

                Label {
                    Layout.fillWidth: true
                    Layout.topMargin: 6
                    visible: root.has
                    text: root.transfer.watchesStock === true
                          ? qsTr("%n unit(s) to send from %1", "@info", root.transfer.qty || 0).arg(root.transfer.from || "")
                          : qsTr("Sent %1 · arrived %2 · missing %3 · written off %4 · in transit %5", "@info totals")
                            .arg(root.transfer.shipped || 0).arg(root.transfer.received || 0).arg(root.transfer.missing || 0)
                            .arg(root.transfer.writtenOff || 0).arg(root.transfer.inTransit || 0)
                    font.bold: true
                    elide: Text.ElideRight
                }
                LinesTable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: root.has
                    model: root.transfer.lines || []
                    noteKey: "reason"
                    notePrefix: qsTr("Missing: ", "@info prefix of the reason units are missing")
                    // Before it leaves: what the source can spare; after: where every unit is.
                    columns: root.transfer.watchesStock === true ? [
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 90, mono: true },
                        { title: qsTr("Name", "@title:column"), key: "name" },
                        { title: qsTr("Qty", "@title:column"), key: "qty", width: 50, number: true },
                        { title: qsTr("Available", "@title:column at the source"), key: "available", width: 80, number: true },
                        { title: qsTr("Short", "@title:column"), key: "short", width: 50, number: true, blankZero: true, warnKey: "short" }
                    ] : [
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 72, mono: true },
                        { title: qsTr("Name", "@title:column"), key: "name" },
                        { title: qsTr("Sent", "@title:column"), key: "shipped", width: 40, number: true },
                        { title: qsTr("Arrived", "@title:column"), key: "received", width: 54, number: true },
                        { title: qsTr("Missing", "@title:column"), key: "missing", width: 54, number: true, blankZero: true, warnKey: "missing" },
                        { title: qsTr("Written off", "@title:column"), key: "writtenOff", width: 80, number: true, blankZero: true },
                        { title: qsTr("In transit", "@title:column"), key: "inTransit", width: 64, number: true, blankZero: true }
                    ]
                }
                Item {
                    Layout.fillHeight: true
                    visible: !root.has
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.transfer.updatedBy || "").length > 0
                    text: qsTr("Last change by %1, %2", "@info").arg(root.transfer.updatedBy || "").arg(root.transfer.updated || "")
                    opacity: 0.6
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    elide: Text.ElideRight
                }
            }
        }
    }
}
