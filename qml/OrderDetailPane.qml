// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Everything about the selected order: state, payment, actions, lines and where they come from, shipments
// with their tracking timeline, returns and the history of who did what.
Frame {
    id: root

    required property OrderDetailController detail
    required property OrderActions actions
    required property OrderModel model
    /** The selected row's roles (OrderModel.get). */
    property var order: ({})
    property bool canWrite: true
    property bool canShip: false
    property bool canCancel: false
    readonly property bool has: root.order.number !== undefined
    readonly property bool writable: root.canWrite && !root.actions.busy
    readonly property int bulk: root.model.selectedCount

    /** A name or reason of any length in a few lines: a pasted page of text must not push the actions away. */
    function clipped(text: string): string {
        const characters = Array.from(text); // whole code points: an emoji is never cut in half
        return characters.length > 160 ? characters.slice(0, 160).join("") + "…" : text;
    }

    // The page owns the dialogs and knows the selection: the pane asks it.
    signal payRequested()
    signal releaseRequested()
    signal holdRequested()
    signal unholdRequested()
    signal packRequested()
    signal shipRequested()
    signal labelsRequested()
    signal printRequested()
    signal refundRequested()
    signal cancelRequested()
    signal returnRequested()
    signal receiveReturnRequested(var rma)
        signal refundReturnRequested(string rmaNumber)
    signal cancelReturnRequested(string rmaNumber)
    signal trackingRequested(string tracking)
    /** Map this order's lines that name none of our products (the SKU aliases dialog). */
    signal mapRequested(string number)

    component SectionTitle: Label {
        Layout.fillWidth: true
        topPadding: 10
        font.bold: true
        opacity: 0.85
    }
    component ActionButton: Button {
        property string shortcut

        Layout.fillWidth: true
        ToolTip.visible: hovered && shortcut.length > 0
        ToolTip.text: shortcut
        Accessible.name: text
    }

    padding: 10

    ScrollView {
        id: scroller

        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroller.availableWidth
            spacing: 4

            Label {
                text: root.has ? root.order.number : qsTr("No order selected", "@info")
                font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                visible: root.has
                text: [root.clipped(root.order.customer || "—"), root.clipped(root.detail.header.email || ""), root.order.channel || "",
                       root.detail.header.externalId || ""].filter(t => t.length > 0).join(" · ")
                // Wrapped, not elided: the channel's order id comes last and is what a clerk looks up there.
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            }
            RowLayout {
                visible: root.has
                spacing: 6
                StatusBadge {
                    status: root.order.status || ""
                    text: root.order.statusText || ""
                }
                StatusBadge {
                    status: root.order.payment || ""
                    text: root.order.paymentText || ""
                }
                Label {
                    text: qsTr("paid %1", "@info").arg(root.detail.header.paid || "")
                          + ((root.detail.header.refunded || "").length > 0 ? " · " + qsTr("refunded %1", "@info").arg(root.detail.header.refunded) : "")
                    opacity: 0.7
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                }
            }
            Label {
                Layout.fillWidth: true
                visible: (root.order.holdReason || "").length > 0
                text: qsTr("On hold: %1", "@info").arg(root.clipped(root.order.holdReason || ""))
                color: "#c62828"
                wrapMode: Text.WordWrap
            }
            // What the channel says about the order (imports only), and the customer's note.
            Label {
                Layout.fillWidth: true
                visible: root.has && (root.detail.header.channelState || "").length > 0
                text: qsTr("%1 says: %2", "@info channel, its state of the order").arg(root.order.channel || "").arg(root.detail.header.channelState || "")
                opacity: 0.75
                wrapMode: Text.WordWrap
                textFormat: Text.PlainText
            }
            Label {
                Layout.fillWidth: true
                visible: root.has && (root.detail.header.note || "").length > 0
                text: qsTr("Note: %1", "@info the order's note").arg(root.detail.header.note || "")
                wrapMode: Text.WordWrap
                textFormat: Text.PlainText
                font.italic: true
            }
            Label {
                Layout.fillWidth: true
                visible: (root.detail.header.rules || "").length > 0
                text: qsTr("Rules: %1", "@info").arg(root.detail.header.rules || "")
                opacity: 0.75
                wrapMode: Text.WordWrap
            }
            Label {
                Layout.fillWidth: true
                visible: (root.order.presence || "").length > 0
                text: qsTr("⚠ %1 on another desktop", "@info").arg(root.order.presence || "")
                color: "#b45f06"
                font.bold: true
                wrapMode: Text.WordWrap
            }

            // Actions: on the selection when rows are ticked, else on this order.
            Label {
                Layout.fillWidth: true
                visible: root.bulk > 0
                text: qsTr("Actions apply to the %n selected order(s).", "@info", root.bulk)
                font.italic: true
            }
            GridLayout {
                Layout.fillWidth: true
                visible: root.has
                // Two columns on a narrow pane, so that longer words (German) still fit on the buttons.
                columns: root.width >= 380 ? 3 : 2
                rowSpacing: 2
                columnSpacing: 4

                ActionButton {
                    text: qsTr("Pay", "@action:button")
                    shortcut: "Ctrl+Shift+P"
                    enabled: root.writable && (root.bulk > 0 || ["pending", "authorized"].includes(root.order.payment))
                    onClicked: root.payRequested()
                }
                ActionButton {
                    text: qsTr("Release", "@action:button")
                    shortcut: "Ctrl+Shift+R"
                    enabled: root.writable && (root.bulk > 0 || ["allocated", "partially_shipped"].includes(root.order.status))
                    onClicked: root.releaseRequested()
                }
                ActionButton {
                    text: root.order.status === "on_hold" ? qsTr("Unhold", "@action:button") : qsTr("Hold", "@action:button")
                    shortcut: root.order.status === "on_hold" ? "Ctrl+Shift+U" : "Ctrl+Shift+H"
                    enabled: root.writable && (root.bulk > 0 || root.order.canCancel === true)
                    onClicked: root.order.status === "on_hold" ? root.unholdRequested() : root.holdRequested()
                }
                ActionButton {
                    text: qsTr("Pack…", "@action:button")
                    shortcut: "Ctrl+Shift+K"
                    enabled: root.writable && root.order.status === "picking"
                    onClicked: root.packRequested()
                }
                ActionButton {
                    text: qsTr("Ship…", "@action:button")
                    shortcut: "Ctrl+Shift+S"
                    enabled: root.canShip && !root.actions.busy
                    onClicked: root.shipRequested()
                }
                ActionButton {
                    text: qsTr("Labels PDF", "@action:button")
                    shortcut: "Ctrl+Shift+L"
                    enabled: !root.actions.busy && (root.bulk > 0 || root.detail.shipments.length > 0)
                    onClicked: root.labelsRequested()
                }
                ActionButton {
                    text: qsTr("Print labels…", "@action:button")
                    shortcut: "Ctrl+P"
                    enabled: !root.actions.busy && (root.bulk > 0 || root.detail.shipments.length > 0)
                    onClicked: root.printRequested()
                }
                ActionButton {
                    text: qsTr("Refund…", "@action:button")
                    enabled: root.writable && ["paid", "partially_refunded"].includes(root.order.payment)
                    onClicked: root.refundRequested()
                }
                ActionButton {
                    text: qsTr("Return…", "@action:button")
                    enabled: root.writable && root.detail.lines.some(l => l.shipped - l.returned > 0)
                    onClicked: root.returnRequested()
                }
                ActionButton {
                    text: qsTr("Cancel…", "@action:button")
                    shortcut: "Ctrl+Shift+X"
                    enabled: root.canCancel && !root.actions.busy
                    onClicked: root.cancelRequested()
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

            SectionTitle {
                visible: root.has
                text: qsTr("Lines", "@title:group")
            }
            Repeater {
                model: root.detail.lines
                delegate: ColumnLayout {
                    id: line

                    required property var modelData

                    Layout.fillWidth: true
                    spacing: 0
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: line.modelData.qty + " ×"
                            font.bold: true
                        }
                        Label {
                            text: line.modelData.sku
                            font.family: "DejaVu Sans Mono"
                        }
                        Label {
                            Layout.fillWidth: true
                            text: line.modelData.name
                            elide: Text.ElideRight
                            opacity: 0.8
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        leftPadding: 16
                        font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                        opacity: 0.75
                        wrapMode: Text.WordWrap
                        text: [line.modelData.allocated.length > 0 ? qsTr("from %1", "@info allocation").arg(line.modelData.allocated) : "",
                               line.modelData.packed > 0 ? qsTr("%1 packed", "@info").arg(line.modelData.packed) : "",
                               line.modelData.backordered > 0 ? qsTr("%1 backordered", "@info").arg(line.modelData.backordered) : "",
                               line.modelData.shipped > 0 ? qsTr("%1 shipped", "@info").arg(line.modelData.shipped) : "",
                               line.modelData.returned > 0 ? qsTr("%1 returned", "@info").arg(line.modelData.returned) : "",
                               line.modelData.cancelled > 0 ? qsTr("%1 cancelled", "@info").arg(line.modelData.cancelled) : ""]
                              .filter(t => t.length > 0).join(" · ")
                    }
                }
            }

            // Imported lines naming none of our products: why the order waits on hold, and the way out.
            Repeater {
                model: root.detail.unmatched
                delegate: Label {
                    id: unmatched

                    required property var modelData

                    Layout.fillWidth: true
                    text: qsTr("⚠ not one of our products: %1 × %2", "@info their SKU, quantity").arg(unmatched.modelData.label).arg(unmatched.modelData.qty)
                    color: "#b45f06"
                    font.bold: true
                    wrapMode: Text.WordWrap
                    textFormat: Text.PlainText
                }
            }
            Button {
                visible: root.detail.unmatched.length > 0
                text: qsTr("Map…", "@action:button map their SKUs to ours")
                enabled: root.canWrite
                onClicked: root.mapRequested(root.order.number)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Say which of our products each line is: the order then comes off hold", "@info:tooltip")
                Accessible.name: qsTr("Map the lines that name none of our products", "@action:button")
            }

            SectionTitle {
                visible: root.has
                text: qsTr("Routing", "@title:group")
            }
            Label {
                Layout.fillWidth: true
                visible: root.has
                text: root.order.explanation || ""
                wrapMode: Text.WordWrap
            }

            SectionTitle {
                visible: root.detail.shipments.length > 0
                text: qsTr("Shipments", "@title:group")
            }
            Repeater {
                model: root.detail.shipments
                delegate: ColumnLayout {
                    id: shipment

                    required property var modelData

                    Layout.fillWidth: true
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        StatusBadge {
                            status: shipment.modelData.status
                            text: shipment.modelData.statusText
                        }
                        Label {
                            Layout.fillWidth: true
                            text: [shipment.modelData.location, shipment.modelData.carrier, shipment.modelData.service]
                                  .filter(t => t.length > 0).join(" · ")
                            elide: Text.ElideRight
                        }
                    }
                    RowLayout {
                        visible: shipment.modelData.tracking.length > 0
                        Label {
                            Layout.fillWidth: true
                            text: shipment.modelData.tracking
                            font.family: "DejaVu Sans Mono"
                        }
                        Button {
                            text: qsTr("Add event…", "@action:button")
                            flat: true
                            enabled: root.writable
                            onClicked: root.trackingRequested(shipment.modelData.tracking)
                            Accessible.name: qsTr("Add a tracking event", "@action:button")
                        }
                    }
                    // The tracking timeline, oldest first: a dot per event, a line between them.
                    Repeater {
                        model: shipment.modelData.events
                        delegate: RowLayout {
                            id: event

                            required property var modelData
                            required property int index

                            Layout.fillWidth: true
                            spacing: 6
                            Label {
                                text: event.index === shipment.modelData.events.length - 1 ? "●" : "○"
                                color: event.modelData.status === "delivered" ? "#2e7d32" : event.modelData.status === "exception" ? "#c62828" : "#1565c0"
                            }
                            Label {
                                text: event.modelData.at
                                font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                                opacity: 0.75
                            }
                            Label {
                                Layout.fillWidth: true
                                text: [event.modelData.statusText, event.modelData.place, event.modelData.description]
                                      .filter(t => t.length > 0).join(" — ")
                                font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                                wrapMode: Text.WordWrap
                            }
                        }
                    }
                }
            }

            SectionTitle {
                visible: root.detail.returns.length > 0
                text: qsTr("Returns", "@title:group")
            }
            Repeater {
                model: root.detail.returns
                delegate: RowLayout {
                    id: rma

                    required property var modelData

                    Layout.fillWidth: true
                    Label {
                        text: rma.modelData.number
                        font.family: "DejaVu Sans Mono"
                    }
                    StatusBadge {
                        status: rma.modelData.status
                        text: rma.modelData.statusText
                    }
                    Label {
                        Layout.fillWidth: true
                        text: rma.modelData.reason
                        elide: Text.ElideRight
                    }
                    Button {
                        visible: rma.modelData.open > 0
                        text: qsTr("Receive…", "@action:button")
                        enabled: root.writable
                        onClicked: root.receiveReturnRequested(rma.modelData)
                    }
                                        Button {
                        visible: rma.modelData.status === "requested"
                        text: qsTr("Cancel return", "@action:button")
                        enabled: root.writable
                        onClicked: root.cancelReturnRequested(rma.modelData.number)
                    }
                    Button {
                        visible: rma.modelData.status === "completed"
                        text: qsTr("Refund", "@action:button")
                        enabled: root.writable
                        onClicked: root.refundReturnRequested(rma.modelData.number)
                    }
                }
            }

            SectionTitle {
                visible: root.detail.history.length > 0
                text: qsTr("History", "@title:group")
            }
            Repeater {
                model: root.detail.history
                delegate: Label {
                    id: entry

                    required property var modelData

                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    textFormat: Text.PlainText
                    text: entry.modelData.at + "  " + entry.modelData.user + ": " + entry.modelData.detail
                }
            }
            Label {
                Layout.fillWidth: true
                visible: (root.order.updatedBy || "").length > 0
                text: qsTr("Last change by %1", "@info").arg(root.order.updatedBy || "")
                opacity: 0.6
                font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
            }
        }
    }
}
