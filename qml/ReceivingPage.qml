// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Receiving: purchase orders from draft to received. The list on the left (open ones by default), the
// selected purchase order on the right with its lines and what can be done in its state.
Page {
    id: root
    Accessible.name: qsTr("Receiving", "@title:tab")

    required property InventoryDocuments documents
    property var locations: []
    /** Adds suppliers from the new purchase order dialog (optional). */
    property ProductController setup: null
    /** Off while the database is unreachable: what is on screen stays, read-only. */
    property bool writable: true
    /** --dialog new|receive (screenshots): opened once the data is there. */
    property string initialDialog
    readonly property DocumentList desk: root.documents.purchaseOrders
    readonly property var po: root.desk.current
    readonly property bool has: root.po.number !== undefined
    readonly property bool canAct: root.writable && !root.desk.busy && root.has

    function receive(): void {
        receiveDialog.po = root.po;
        receiveDialog.open();
    }
    function openInitialDialog(): void {
        if (root.initialDialog === "new") {
            root.initialDialog = "";
            newDialog.open();
        } else if (root.initialDialog === "receive") {
            if (root.has && root.po.canReceive) {
                root.initialDialog = "";
                root.receive();
                return;
            }
            // The first purchase order that can be received, once the list is there.
            for (let i = 0; i < root.desk.count; ++i) {
                const row = root.desk.get(i);
                if (row.status === "ordered" || row.status === "partially_received") {
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
        sequence: "Ctrl+Shift+O"
        enabled: root.visible && root.canAct && root.po.canOrder === true
        onActivated: root.documents.orderPurchaseOrder(root.po.number, root.po.version)
    }
    Shortcut {
        sequence: "Ctrl+Shift+R"
        enabled: root.visible && root.canAct && root.po.canReceive === true
        onActivated: root.receive()
    }
    Shortcut {
        sequence: "Ctrl+Shift+C"
        enabled: root.visible && root.canAct && root.po.canClose === true
        onActivated: closeDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+X"
        enabled: root.visible && root.canAct && root.po.canCancel === true
        onActivated: cancelDialog.open()
    }

    NewPurchaseOrderDialog {
        id: newDialog

        anchors.centerIn: parent
        documents: root.documents
        locations: root.locations
        setup: root.setup
    }
    ReceiveDialog {
        id: receiveDialog

        anchors.centerIn: parent
        documents: root.documents
    }
    ConfirmDialog {
        id: cancelDialog

        anchors.centerIn: parent
        title: qsTr("Cancel %1?", "@title:window").arg(root.po.number || "")
        text: qsTr("Nothing of it has come in; its units no longer count as on order.", "@info")
        onAccepted: root.documents.cancelPurchaseOrder(root.po.number, root.po.version)
    }
    ConfirmDialog {
        id: closeDialog

        anchors.centerIn: parent
        title: qsTr("Close %1 short?", "@title:window").arg(root.po.number || "")
        text: qsTr("Nothing more will come: %n outstanding unit(s) stop counting as on order. The shortfall stays visible on the purchase order.", "@info", root.po.outstanding || 0)
        onAccepted: root.documents.closePurchaseOrder(root.po.number, root.po.version)
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
                Accessible.name: qsTr("Show purchase orders by status (Ctrl+F)", "@label")
            }
            Button {
                text: qsTr("New purchase order…", "@action:button")
                enabled: root.writable
                onClicked: newDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: "Ctrl+N"
                Accessible.name: qsTr("New purchase order", "@action:button")
            }
            Label {
                height: statusFilter.height
                verticalAlignment: Text.AlignVCenter
                text: qsTr("%n purchase order(s)", "@info", root.desk.count)
                opacity: 0.8
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        DocumentListPane {
            id: listPane

            Layout.fillWidth: true
            Layout.fillHeight: true
            list: root.desk
            titles: [qsTr("PO", "@title:column purchase order number"), qsTr("Supplier", "@title:column"),
                     qsTr("To", "@title:column receiving location"), qsTr("Status", "@title:column"),
                     qsTr("Expected", "@title:column"), qsTr("Received", "@title:column received / ordered units"),
                     qsTr("Over/short", "@title:column")]
            widths: [85, 0, 65, 105, 80, 70, 75]
            emptyText: qsTr("No purchase orders here. Ctrl+N starts one.", "@info")
        }

        Frame {
            Layout.preferredWidth: Math.max(440, Math.min(600, root.availableWidth * 0.40))
            Layout.fillHeight: true
            padding: 10

            ColumnLayout {
                anchors.fill: parent
                spacing: 4

                Label {
                    visible: !root.has
                    text: root.desk.currentNumber.length > 0 ? root.desk.currentNumber : qsTr("No purchase order selected", "@info")
                    font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                    font.bold: true
                }
                RowLayout {
                    visible: root.has
                    spacing: 8
                    Label {
                        text: root.po.number || ""
                        font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                        font.bold: true
                    }
                    StatusBadge {
                        status: root.po.badge || ""
                        text: root.po.statusText || ""
                    }
                    Label {
                        visible: root.po.overdue === true
                        text: qsTr("Overdue", "@info expected date passed")
                        color: "#b45f06"
                        font.bold: true
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.has
                    text: qsTr("%1 → %2 · expected %3", "@info supplier → location · expected date")
                          .arg(root.po.supplier || "").arg(root.po.location || "")
                          .arg((root.po.expectedText || "").length > 0 ? root.po.expectedText : qsTr("no date", "@info"))
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.has
                    text: [qsTr("created by %1, %2", "@info").arg(root.po.createdBy || "").arg(root.po.created || ""),
                           (root.po.orderedAt || "").length > 0 ? qsTr("ordered %1", "@info").arg(root.po.orderedAt) : "",
                           (root.po.closedAt || "").length > 0 ? qsTr("closed %1", "@info").arg(root.po.closedAt) : ""]
                          .filter(t => t.length > 0).join(" · ")
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    opacity: 0.75
                    wrapMode: Text.WordWrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.po.note || "").length > 0
                    text: qsTr("Note: %1", "@info").arg(root.po.note || "")
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }

                GridLayout {
                    Layout.fillWidth: true
                    Layout.topMargin: 4
                    visible: root.has
                    columns: 4
                    columnSpacing: 4
                    rowSpacing: 2

                    DocumentActionButton {
                        text: qsTr("Order", "@action:button send the purchase order")
                        shortcut: "Ctrl+Shift+O"
                        enabled: root.canAct && root.po.canOrder === true
                        onClicked: root.documents.orderPurchaseOrder(root.po.number, root.po.version)
                    }
                    DocumentActionButton {
                        text: qsTr("Receive…", "@action:button")
                        shortcut: "Ctrl+Shift+R"
                        enabled: root.canAct && root.po.canReceive === true
                        highlighted: enabled
                        onClicked: root.receive()
                    }
                    DocumentActionButton {
                        text: qsTr("Close short…", "@action:button")
                        shortcut: "Ctrl+Shift+C"
                        enabled: root.canAct && root.po.canClose === true
                        onClicked: closeDialog.open()
                    }
                    DocumentActionButton {
                        text: qsTr("Cancel…", "@action:button")
                        shortcut: "Ctrl+Shift+X"
                        enabled: root.canAct && root.po.canCancel === true
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
                    text: [qsTr("Ordered %1 (%2)", "@info units (value)").arg(root.po.ordered || 0).arg(root.po.value || ""),
                           qsTr("received %1", "@info units").arg(root.po.received || 0),
                           (root.po.outstanding || 0) > 0
                           ? (root.po.closed === true ? qsTr("%1 short", "@info units that never came") : qsTr("%1 to come", "@info units"))
                             .arg(root.po.outstanding) : "",
                           (root.po.over || 0) > 0 ? qsTr("%1 over", "@info units").arg(root.po.over) : ""]
                          .filter(t => t.length > 0).join(" · ")
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                LinesTable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: root.has
                    model: root.po.lines || []
                    columns: [
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 80, mono: true },
                        { title: qsTr("Name", "@title:column"), key: "name" },
                        { title: qsTr("Ordered", "@title:column"), key: "ordered", width: 56, number: true },
                        { title: qsTr("Received", "@title:column"), key: "received", width: 62, number: true },
                        { title: root.po.closed === true ? qsTr("Short", "@title:column units that never came")
                                                         : qsTr("To come", "@title:column outstanding units"),
                          key: "outstanding", width: 58, number: true, blankZero: true },
                        { title: qsTr("Over", "@title:column units beyond the order"), key: "over", width: 42, number: true, blankZero: true, signed: true, warnKey: "over" }
                    ]
                }
                Item {
                    Layout.fillHeight: true
                    visible: !root.has
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.po.updatedBy || "").length > 0
                    text: qsTr("Last change by %1, %2", "@info").arg(root.po.updatedBy || "").arg(root.po.updated || "")
                    opacity: 0.6
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    elide: Text.ElideRight
                }
            }
        }
    }
}
