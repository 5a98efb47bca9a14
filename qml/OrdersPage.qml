// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

Page {
    id: root

    required property OrderModel model
    required property OrderActions actions
    required property PresenceTracker presence
    /** Off while the database is unreachable: what is on screen stays, read-only. */
    property bool writable: true
    property var selected: ({})
    readonly property bool canShip: root.writable && root.selected.canShip === true
    readonly property bool canCancel: root.writable && root.selected.canCancel === true

    // The detail panel follows live changes of the selected row (its version, its state).
    Connections {
        target: root.model
        function onDataChanged(): void {
            if (list.currentIndex >= 0)
                root.selected = root.model.get(list.currentIndex);
        }
    }
    function ship(): void {
        // Two people packing one order is how parcels go out twice: ask first.
        if ((root.selected.presence || "").length > 0)
            shipDialog.open();
        else
            root.actions.ship(root.selected.number, root.selected.version);
    }

    Shortcut {
        sequence: "Ctrl+Shift+S"
        enabled: root.visible && root.canShip && !root.actions.busy
        onActivated: root.ship()
    }
    Shortcut {
        sequence: "Ctrl+Shift+X"
        enabled: root.visible && root.canCancel && !root.actions.busy
        onActivated: cancelDialog.open()
    }

    Dialog {
        id: shipDialog

        anchors.centerIn: parent
        modal: true
        width: 440
        title: qsTr("Ship %1?", "@title:window").arg(root.selected.number || "")
        standardButtons: Dialog.Yes | Dialog.No
        onAccepted: root.actions.ship(root.selected.number, root.selected.version)

        Label {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("%1 on another desktop. Ship anyway?", "@info").arg(root.selected.presence || "")
        }
    }

    Dialog {
        id: cancelDialog

        anchors.centerIn: parent
        modal: true
        width: 440
        title: qsTr("Cancel %1?", "@title:window").arg(root.selected.number || "")
        standardButtons: Dialog.Yes | Dialog.No
        onAccepted: root.actions.cancel(root.selected.number, root.selected.version)

        Label {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("Its reserved stock goes back on sale.", "@info")
        }
    }

    // Column widths shared by the header and the rows; the customer column takes what is left.
    readonly property int fixedWidth: 100 + 130 + 80 + 115 + 95 + 45 + 45 + 85 + 8 * 8 + 20
    readonly property var columns: [100, 130, Math.max(90, list.width - root.fixedWidth), 80, 115, 95, 45, 45, 85]

    padding: 12

    header: ToolBar {
        background: null
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 10

            Label {
                text: qsTr("Status:", "@label:listbox")
            }
            ComboBox {
                id: statusFilter

                Layout.preferredWidth: 200
                textRole: "label"
                valueRole: "value"
                model: [
                    { value: "", label: qsTr("All orders", "@item:inlistbox") },
                    { value: "allocated", label: qsTr("Allocated", "@item:inlistbox") },
                    { value: "backordered", label: qsTr("Backordered", "@item:inlistbox") },
                    { value: "partially_shipped", label: qsTr("Partly shipped", "@item:inlistbox") },
                    { value: "shipped", label: qsTr("Shipped", "@item:inlistbox") },
                    { value: "cancelled", label: qsTr("Cancelled", "@item:inlistbox") }
                ]
                onActivated: root.model.statusFilter = currentValue
                Accessible.name: qsTr("Filter by status", "@label")
            }
            Item {
                Layout.fillWidth: true
            }
            Label {
                text: root.model.errorText.length > 0 ? root.model.errorText
                      : qsTr("Showing %1 of %n order(s)", "@info", root.model.totalCount).arg(list.count)
                color: root.model.errorText.length > 0 ? "#b00020" : root.palette.windowText
                opacity: 0.8
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: 0

            ColumnLayout {
                anchors.fill: parent
                spacing: 0

                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: 32
                    clip: true
                    color: Qt.darker(root.palette.base, 1.05)

                    Row {
                        anchors.verticalCenter: parent.verticalCenter
                        x: 10
                        spacing: 8

                        Repeater {
                            model: [qsTr("Order", "@title:column"), qsTr("Placed", "@title:column"),
                                qsTr("Customer", "@title:column"), qsTr("Channel", "@title:column"),
                                qsTr("Status", "@title:column"), qsTr("Payment", "@title:column"),
                                qsTr("Lines", "@title:column"), qsTr("Units", "@title:column"),
                                qsTr("Total", "@title:column")]
                            delegate: Label {
                                required property string modelData
                                required property int index

                                width: root.columns[index]
                                text: modelData
                                font.bold: true
                                horizontalAlignment: index >= 6 ? Text.AlignRight : Text.AlignLeft
                                elide: Text.ElideRight
                            }
                        }
                    }
                }

                ListView {
                    id: list

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    focus: true
                    model: root.model
                    keyNavigationEnabled: true
                    highlightMoveDuration: 0
                    ScrollBar.vertical: ScrollBar {}
                    onCurrentIndexChanged: {
                        root.selected = root.model.get(currentIndex);
                        root.actions.clearMessage();
                        root.presence.setFocus("order", String(root.selected.orderId), "viewing");
                    }
                    Accessible.name: qsTr("Orders", "@label")

                    delegate: OrderDelegate {
                        width: ListView.view.width
                        columns: root.columns
                        onClicked: {
                            list.currentIndex = index;
                            list.forceActiveFocus();
                        }
                    }
                }
            }
        }

        Frame {
            Layout.preferredWidth: 260
            Layout.fillHeight: true
            visible: root.width > 1100

            ColumnLayout {
                anchors.fill: parent
                spacing: 8

                Label {
                    text: root.selected.number !== undefined ? root.selected.number : qsTr("No order selected", "@info")
                    font.pixelSize: 20
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.selected.number !== undefined
                    text: qsTr("%1 · %2", "@info customer · channel").arg(root.selected.customer || "—").arg(root.selected.channel || "")
                    elide: Text.ElideRight
                }
                RowLayout {
                    visible: root.selected.number !== undefined
                    spacing: 6
                    StatusBadge {
                        status: root.selected.status || ""
                        text: root.selected.statusText || ""
                    }
                    StatusBadge {
                        status: root.selected.payment || ""
                        text: root.selected.paymentText || ""
                    }
                }
                Label {
                    visible: root.selected.number !== undefined
                    text: qsTr("Routing", "@title:group")
                    font.bold: true
                    topPadding: 8
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.selected.number !== undefined
                    text: root.selected.explanation || ""
                    wrapMode: Text.WordWrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.selected.presence || "").length > 0
                    text: qsTr("⚠ %1 on another desktop", "@info").arg(root.selected.presence || "")
                    color: "#b45f06"
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    visible: root.selected.number !== undefined
                    spacing: 8

                    Button {
                        text: qsTr("Ship", "@action:button")
                        enabled: root.canShip && !root.actions.busy
                        onClicked: root.ship()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Ship what is allocated (Ctrl+Shift+S)", "@info:tooltip")
                        Accessible.name: text
                    }
                    Button {
                        text: qsTr("Cancel order", "@action:button")
                        enabled: root.canCancel && !root.actions.busy
                        onClicked: cancelDialog.open()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Cancel and release the stock (Ctrl+Shift+X)", "@info:tooltip")
                        Accessible.name: text
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.actions.message.length > 0
                    text: root.actions.message
                    wrapMode: Text.WordWrap
                    color: root.actions.failed ? "#b00020" : "#2e7d32"
                }
                Button {
                    visible: root.actions.stale
                    text: qsTr("Reload", "@action:button")
                    onClicked: {
                        root.actions.clearMessage();
                        root.model.reload();
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.selected.updatedBy || "").length > 0
                    text: qsTr("Last change by %1", "@info").arg(root.selected.updatedBy || "")
                    opacity: 0.6
                    font.pixelSize: 11
                }
                Item {
                    Layout.fillHeight: true
                }
            }
        }
    }
}
