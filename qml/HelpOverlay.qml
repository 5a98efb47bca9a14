// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// F1: every keyboard shortcut of the program, grouped by where it works. tst_accessibility checks that each
// Shortcut of the QML files is listed here under its view.
Popup {
    id: root

    /** The view shown now: its group comes first. */
    property string currentView

    readonly property var groups: [
        { view: "", title: qsTr("Everywhere", "@title:group shortcuts"), keys: [
            ["F1", qsTr("Show or hide this list of shortcuts", "@info shortcut")],
            ["Ctrl+1 … Ctrl+9", qsTr("Orders, Inventory, Receiving, Transfers, Counts, Forecast, Dashboard, Channels, Audit", "@info shortcut")],
            ["F5", qsTr("Reload every view", "@info shortcut")],
            ["Ctrl+,", qsTr("Settings: language and text size", "@info shortcut")],
            ["Ctrl+Shift+D", qsTr("Database connection", "@info shortcut")],
            ["Tab / Shift+Tab", qsTr("Next / previous control", "@info shortcut")],
            ["Space / Enter", qsTr("Press the focused button, open the focused row", "@info shortcut")],
            ["Esc", qsTr("Close a dialog or this list", "@info shortcut")],
            ["Ctrl+Enter", qsTr("Confirm a dialog (create, import, receive, save)", "@info shortcut")]
        ]},
        { view: "orders", title: qsTr("Orders", "@title:group shortcuts"), keys: [
            ["Ctrl+F", qsTr("Search orders", "@info shortcut")],
            ["↑ / ↓", qsTr("Previous / next order", "@info shortcut")],
            ["Space", qsTr("Select or unselect the order for bulk actions", "@info shortcut")],
            ["Ctrl+A", qsTr("Select every loaded order", "@info shortcut")],
            ["Ctrl+N", qsTr("New order", "@info shortcut")],
            ["Ctrl+Shift+P", qsTr("Confirm payment", "@info shortcut")],
            ["Ctrl+Shift+R", qsTr("Release to the warehouse", "@info shortcut")],
            ["Ctrl+Shift+H", qsTr("Hold", "@info shortcut")],
            ["Ctrl+Shift+U", qsTr("Release a hold", "@info shortcut")],
            ["Ctrl+Shift+K", qsTr("Pack (scan the items)", "@info shortcut")],
            ["Ctrl+Shift+S", qsTr("Ship", "@info shortcut")],
            ["Ctrl+Shift+X", qsTr("Cancel the order", "@info shortcut")],
            ["Ctrl+Shift+L", qsTr("Shipping labels as PDF", "@info shortcut")],
            ["Ctrl+P", qsTr("Print shipping labels", "@info shortcut")],
            ["Ctrl+Shift+G", qsTr("Pick list for a location", "@info shortcut")],
            ["Ctrl+Shift+I", qsTr("Import orders from a shop's CSV file", "@info shortcut")],
            ["Ctrl+Shift+M", qsTr("SKU aliases (map unknown SKUs)", "@info shortcut")],
            ["Ctrl+Shift+E", qsTr("Export orders", "@info shortcut")]
        ]},
        { view: "inventory", title: qsTr("Inventory", "@title:group shortcuts"), keys: [
            ["Ctrl+F", qsTr("Search products", "@info shortcut")],
            ["Enter", qsTr("Open the product", "@info shortcut")],
            ["Ctrl+N", qsTr("New product", "@info shortcut")],
            ["Ctrl+E", qsTr("Edit the product", "@info shortcut")],
            ["Ctrl+I", qsTr("Import products", "@info shortcut")],
            ["Ctrl+Shift+E", qsTr("Export stock", "@info shortcut")]
        ]},
        { view: "receiving", title: qsTr("Receiving", "@title:group shortcuts"), keys: [
            ["Ctrl+F", qsTr("Filter by status", "@info shortcut")],
            ["Ctrl+N", qsTr("New purchase order", "@info shortcut")],
            ["Ctrl+Shift+O", qsTr("Place the purchase order", "@info shortcut")],
            ["Ctrl+Shift+R", qsTr("Receive", "@info shortcut")],
            ["Ctrl+Shift+C", qsTr("Close short", "@info shortcut")],
            ["Ctrl+Shift+X", qsTr("Cancel the purchase order", "@info shortcut")]
        ]},
        { view: "transfers", title: qsTr("Transfers", "@title:group shortcuts"), keys: [
            ["Ctrl+F", qsTr("Filter by status", "@info shortcut")],
            ["Ctrl+N", qsTr("New transfer", "@info shortcut")],
            ["Ctrl+Shift+Q", qsTr("Request the transfer", "@info shortcut")],
            ["Ctrl+Shift+S", qsTr("Ship the transfer", "@info shortcut")],
            ["Ctrl+Shift+R", qsTr("Receive", "@info shortcut")],
            ["Ctrl+Shift+A", qsTr("Write off missing units", "@info shortcut")],
            ["Ctrl+Shift+J", qsTr("Keep looking for missing units", "@info shortcut")],
            ["Ctrl+Shift+X", qsTr("Cancel the transfer", "@info shortcut")]
        ]},
        { view: "counts", title: qsTr("Counts", "@title:group shortcuts"), keys: [
            ["Ctrl+F", qsTr("Scan field (or the status filter)", "@info shortcut")],
            ["Ctrl+N", qsTr("Start a count", "@info shortcut")],
            ["Ctrl+Shift+S", qsTr("Submit for approval", "@info shortcut")],
            ["Ctrl+Shift+A", qsTr("Approve the variances", "@info shortcut")],
            ["Ctrl+Shift+J", qsTr("Reject the variances", "@info shortcut")],
            ["Ctrl+Shift+O", qsTr("Reopen the count", "@info shortcut")]
        ]},
        { view: "channels", title: qsTr("Channels", "@title:group shortcuts"), keys: [
            ["Ctrl+S", qsTr("Write the stock feed", "@info shortcut")],
            ["Ctrl+E", qsTr("Channel settings", "@info shortcut")],
            ["Ctrl+N", qsTr("New channel", "@info shortcut")]
        ]},
        { view: "forecast", title: qsTr("Forecast", "@title:group shortcuts"), keys: [
            ["Ctrl+F", qsTr("Choose the product", "@info shortcut")]
        ]},
        { view: "dashboard", title: qsTr("Dashboard", "@title:group shortcuts"), keys: [
            ["Ctrl+Shift+R", qsTr("Replenishment suggestions", "@info shortcut")],
            ["Enter", qsTr("Open the product of the focused row", "@info shortcut")]
        ]},
        { view: "dialogs", title: qsTr("In dialogs", "@title:group shortcuts"), keys: [
            ["Ctrl+O", qsTr("Choose a file (imports, exports)", "@info shortcut")],
            ["Ctrl+P", qsTr("Preview an import", "@info shortcut")],
            ["F5", qsTr("Plan the replenishment again", "@info shortcut")],
            ["Ctrl+A", qsTr("Select every suggestion", "@info shortcut")],
            ["Space", qsTr("Select or unselect a suggestion", "@info shortcut")]
        ]}
    ]
    /** The groups in the order shown: everywhere, the current view, the others. */
    readonly property var orderedGroups: {
        const first = root.groups.filter(group => group.view === "" || group.view === root.currentView);
        return first.concat(root.groups.filter(group => group.view !== "" && group.view !== root.currentView));
    }

    modal: true
    focus: true
    padding: 20
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    width: Math.min(parent ? parent.width - 80 : 900, 980)
    height: Math.min(parent ? parent.height - 80 : 700, contentColumn.implicitHeight + 2 * padding + 40)

    ColumnLayout {
        id: contentColumn

        anchors.fill: parent
        spacing: 8
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("Keyboard shortcuts", "@title:window")

        RowLayout {
            Layout.fillWidth: true

            Label {
                Layout.fillWidth: true
                text: qsTr("Keyboard shortcuts", "@title")
                font.bold: true
                font.pixelSize: Math.round(18 * InterfaceSettings.fontScale)
            }
            Button {
                objectName: "closeHelp"
                text: qsTr("Close", "@action:button")
                onClicked: root.close()
                Accessible.name: qsTr("Close the list of shortcuts", "@action:button")
            }
        }
        ScrollView {
            id: scroller

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: availableWidth
            // The list scrolls with the arrow keys and Page Up/Down.
            focus: true
            Keys.onDownPressed: scroller.ScrollBar.vertical.increase()
            Keys.onUpPressed: scroller.ScrollBar.vertical.decrease()

            Flow {
                width: scroller.availableWidth
                spacing: 24

                Repeater {
                    model: root.orderedGroups

                    ColumnLayout {
                        id: group

                        required property var modelData

                        width: (scroller.availableWidth - 24) / 2
                        spacing: 4

                        Label {
                            text: group.modelData.title
                            font.bold: true
                            Accessible.role: Accessible.Heading
                        }
                        Repeater {
                            model: group.modelData.keys

                            RowLayout {
                                id: shortcutRow

                                required property var modelData

                                Layout.fillWidth: true
                                spacing: 12
                                Accessible.role: Accessible.StaticText
                                Accessible.name: shortcutRow.modelData[0] + ": " + shortcutRow.modelData[1]

                                Label {
                                    Layout.preferredWidth: Math.round(130 * InterfaceSettings.fontScale)
                                    Layout.alignment: Qt.AlignTop
                                    text: shortcutRow.modelData[0]
                                    font.family: "monospace"
                                    font.bold: true
                                    wrapMode: Text.Wrap
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: shortcutRow.modelData[1]
                                    wrapMode: Text.Wrap
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
