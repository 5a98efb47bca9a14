// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Stockroom

// The sales channels' stock feeds: per channel when its feed was last written, by whom, to which file, its
// format, buffer and locations, and how many SKUs changed since; the selected channel's changed numbers, with
// Write feed… and Settings…. The lists follow live changes while the view is shown (the controller throttles).
Page {
    id: root
    Accessible.name: qsTr("Channels", "@title:tab")

    required property ChannelController controller
    /** Our locations as Session has them: [{id, code}]. */
    property var locations: []
    /** Off while the database is unreachable: what is on screen stays, nothing is written. */
    property bool writable: true
    /** "feed-settings": the selected channel's settings, opened once the list is there (screenshots). */
    property string initialDialog
    readonly property var current: root.controller.current
    readonly property bool hasChannel: root.current.name !== undefined
    readonly property int currentRow: {
        const channels = root.controller.channels;
        for (let i = 0; i < channels.length; ++i) {
            if (channels[i].name === root.controller.currentChannel)
                return i;
        }
        return -1;
    }
    // Column widths shared by the changes' header and rows (SKU, location, last sent, now, difference): the
    // numbers and the location take a share up to what they need, the SKU what is left.
    readonly property var changeColumns: {
        const room = changes.width - 4 * 8 - 24;
        const number = Math.min(110, Math.max(64, room * 0.18));
        const location = Math.min(120, Math.max(60, room * 0.16));
        return [Math.max(70, room - location - 3 * number), location, number, number, number];
    }

    function select(row: int): void {
        const channels = root.controller.channels;
        if (row >= 0 && row < channels.length)
            root.controller.currentChannel = channels[row].name;
    }
    function writeFeed(): void {
        if (!root.hasChannel || !root.writable || root.controller.busy)
            return;
        feedFileDialog.selectedFile = root.controller.suggestedFile(root.current.name);
        feedFileDialog.open();
    }
    // The dialogs open read-only too (Save waits for the database); the buttons and shortcuts ask for writable.
    function editSettings(): void {
        if (root.hasChannel)
            settingsDialog.openFor(root.current);
    }
    function newChannel(): void {
        settingsDialog.openFor(({}));
    }

    padding: 12

    // Fetching compares every product with the last feed: only while the view is shown.
    Binding {
        target: root.controller
        property: "active"
        value: root.visible
    }

    // --dialog feed-settings: the selected channel's, once the list has chosen one.
    Connections {
        target: root.controller
        function onCurrentChanged(): void {
            if (root.initialDialog === "feed-settings" && root.hasChannel) {
                root.initialDialog = "";
                root.editSettings();
            }
        }
    }

    Shortcut {
        sequence: StandardKey.Save
        enabled: root.visible && root.writable && root.hasChannel && !root.controller.busy
        onActivated: root.writeFeed()
    }
    Shortcut {
        sequence: "Ctrl+E"
        enabled: root.visible && root.writable && root.hasChannel
        onActivated: root.editSettings()
    }
    Shortcut {
        sequence: "Ctrl+N"
        enabled: root.visible && root.writable
        onActivated: root.newChannel()
    }

    FileDialog {
        id: feedFileDialog

        title: qsTr("Write the stock feed of %1", "@title:window").arg(root.current.label || "")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)", "@item:inlistbox"), qsTr("All files (*)", "@item:inlistbox")]
        onAccepted: root.controller.writeFeed(feedFileDialog.selectedFile)
    }
    ChannelSettingsDialog {
        id: settingsDialog

        anchors.centerIn: parent
        controller: root.controller
        locations: root.locations
        writable: root.writable
    }

    header: ToolBar {
        background: null

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 8

            Label {
                Layout.fillWidth: true
                text: qsTr("What each channel may sell, per SKU: available stock minus waiting orders and the channel's buffer.", "@info")
                wrapMode: Text.WordWrap
                opacity: 0.75
            }
            BusyIndicator {
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
                running: root.controller.loading || root.controller.busy
                visible: running
                Accessible.name: qsTr("Loading", "@info")
            }
            Button {
                text: qsTr("New channel…", "@action:button")
                enabled: root.writable
                onClicked: root.newChannel()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Set up a channel's stock feed (Ctrl+N)", "@info:tooltip")
                Accessible.name: qsTr("New channel", "@action:button")
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        Frame {
            Layout.preferredWidth: Math.max(270, Math.min(460, root.availableWidth * 0.38))
            Layout.fillHeight: true
            padding: 0

            ListView {
                id: channelList

                anchors.fill: parent
                clip: true
                focus: true
                activeFocusOnTab: true
                model: root.controller.channels
                currentIndex: root.currentRow
                highlightMoveDuration: 0
                ScrollBar.vertical: ScrollBar {}
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Channels", "@label")
                // The selection lives in the controller (it fetches the channel's changes).
                Keys.onUpPressed: root.select(Math.max(0, root.currentRow - 1))
                Keys.onDownPressed: root.select(Math.min(channelList.count - 1, root.currentRow + 1))

                delegate: ItemDelegate {
                    id: channelDelegate

                    required property var modelData
                    required property int index

                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    padding: 10
                    onClicked: {
                        root.select(channelDelegate.index);
                        channelList.forceActiveFocus();
                    }
                    Accessible.name: qsTr("%1: %2", "@info channel: feed status").arg(channelDelegate.modelData.label).arg(channelDelegate.modelData.statusText)

                    contentItem: ColumnLayout {
                        spacing: 3

                        // The badge goes under the name when both do not fit.
                        Flow {
                            Layout.fillWidth: true
                            spacing: 8

                            Label {
                                width: Math.min(implicitWidth, parent.width)
                                text: channelDelegate.modelData.label
                                font.bold: true
                                font.pixelSize: Math.round(15 * InterfaceSettings.fontScale)
                                elide: Text.ElideRight
                            }
                            StatusBadge {
                                status: channelDelegate.modelData.status
                                text: channelDelegate.modelData.statusText

                                // On the selection's colour the badge keeps a plain ground, or its amber would not read.
                                Rectangle {
                                    anchors.fill: parent
                                    z: -1
                                    radius: height / 2
                                    color: channelDelegate.highlighted ? root.palette.base : "transparent"
                                }
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: channelDelegate.modelData.written
                                  ? qsTr("Written %1 by %2", "@info time, user").arg(channelDelegate.modelData.writtenAt).arg(channelDelegate.modelData.writtenBy)
                                  : qsTr("Feed never written", "@info")
                            elide: Text.ElideRight
                            opacity: 0.85
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: channelDelegate.modelData.file.length > 0
                            text: qsTr("To %1", "@info feed file").arg(channelDelegate.modelData.fileName)
                            elide: Text.ElideMiddle
                            opacity: 0.85
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("%1 · buffer %2 · %3", "@info format · buffer · locations")
                                  .arg(channelDelegate.modelData.formatText)
                                  .arg(channelDelegate.modelData.bufferText)
                                  .arg(channelDelegate.modelData.locationsText)
                            wrapMode: Text.WordWrap
                            font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                            opacity: 0.7
                        }
                    }
                }

                Label {
                    anchors.centerIn: parent
                    width: parent.width - 40
                    visible: channelList.count === 0 && root.controller.loaded && !root.controller.loading
                    text: qsTr("No channels yet: orders from a channel, or New channel…, bring one.", "@info")
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    opacity: 0.6
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 8

            Label {
                Layout.fillWidth: true
                visible: !root.hasChannel
                text: root.controller.loaded ? qsTr("Choose a channel.", "@info") : qsTr("Loading the channels…", "@info")
                opacity: 0.6
            }

            Flow {
                Layout.fillWidth: true
                visible: root.hasChannel
                spacing: 10

                Label {
                    width: Math.min(implicitWidth, parent.width)
                    text: root.current.label || ""
                    font.bold: true
                    font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                    elide: Text.ElideRight
                    Accessible.role: Accessible.Heading
                }
                StatusBadge {
                    status: root.current.status || ""
                    text: root.current.statusText || ""
                }
            }

            GridLayout {
                Layout.fillWidth: true
                visible: root.hasChannel
                columns: 2
                columnSpacing: 12
                rowSpacing: 4

                Label {
                    text: qsTr("Last written:", "@label")
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    text: root.current.written ? qsTr("%1 by %2", "@info time, user").arg(root.current.writtenAt).arg(root.current.writtenBy)
                                               : qsTr("never", "@info feed written")
                    elide: Text.ElideRight
                }
                Label {
                    text: qsTr("File:", "@label")
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    text: root.current.file || qsTr("none yet", "@info feed file")
                    elide: Text.ElideMiddle
                }
                Label {
                    text: qsTr("Format:", "@label")
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    text: root.current.formatText || ""
                }
                Label {
                    text: qsTr("Buffer:", "@label")
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    text: root.current.bufferText || ""
                }
                Label {
                    text: qsTr("Locations:", "@label")
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    text: root.current.locationsText || ""
                    wrapMode: Text.WordWrap
                }
            }

            RowLayout {
                visible: root.hasChannel
                spacing: 8

                Button {
                    text: qsTr("Write feed…", "@action:button")
                    enabled: root.writable && !root.controller.busy
                    highlighted: root.current.upToDate === false
                    onClicked: root.writeFeed()

                    FocusRing {}
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Write what the channel may sell now to a file (Ctrl+S)", "@info:tooltip")
                    Accessible.name: qsTr("Write the stock feed of %1", "@action:button").arg(root.current.label || "")
                }
                Button {
                    text: qsTr("Settings…", "@action:button")
                    enabled: root.writable && !root.controller.busy
                    onClicked: root.editSettings()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Buffer, locations and format of the feed (Ctrl+E)", "@info:tooltip")
                    Accessible.name: qsTr("Feed settings of %1", "@action:button").arg(root.current.label || "")
                }
            }

            // The outcome of the last feed written, or a fetch's error.
            RowLayout {
                Layout.fillWidth: true
                visible: root.controller.message.length > 0
                spacing: 4

                Label {
                    Layout.fillWidth: true
                    text: root.controller.message
                    wrapMode: Text.WordWrap
                    color: root.controller.failed ? "#b00020" : "#2e7d32"
                    font.bold: root.controller.failed
                    Accessible.role: Accessible.AlertMessage
                }
                ToolButton {
                    text: "✕"
                    onClicked: root.controller.clearMessage()
                    Accessible.name: qsTr("Dismiss the message", "@action:button")
                }
            }

            Label {
                Layout.fillWidth: true
                Layout.topMargin: 6
                visible: root.hasChannel
                text: root.controller.changeCount > 0
                      ? (root.current.written ? qsTr("%n number(s) differ from the last feed:", "@info", root.controller.changeCount)
                                              : qsTr("%n number(s) to send in the first feed:", "@info", root.controller.changeCount))
                      : qsTr("Every number matches the last feed.", "@info")
                font.bold: true
            }

            Frame {
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: root.hasChannel
                padding: 0

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 0

                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: 30
                        clip: true
                        color: Qt.darker(root.palette.base, 1.05)

                        Row {
                            anchors.verticalCenter: parent.verticalCenter
                            x: 10
                            spacing: 8

                            Repeater {
                                model: [qsTr("SKU", "@title:column"), qsTr("Location", "@title:column"),
                                    qsTr("Last sent", "@title:column"), qsTr("Now", "@title:column"),
                                    qsTr("Difference", "@title:column")]
                                delegate: Label {
                                    required property string modelData
                                    required property int index

                                    width: root.changeColumns[index]
                                    text: modelData
                                    font.bold: true
                                    horizontalAlignment: index >= 2 ? Text.AlignRight : Text.AlignLeft
                                    elide: Text.ElideRight
                                    Accessible.role: Accessible.ColumnHeader
                                }
                            }
                        }
                    }

                    ListView {
                        id: changes

                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: root.controller.changes
                        keyNavigationEnabled: true
                        activeFocusOnTab: true
                        highlightMoveDuration: 0
                        ScrollBar.vertical: ScrollBar {}
                        Accessible.role: Accessible.Table
                        Accessible.name: qsTr("Changed numbers", "@label")
                        highlight: Rectangle {
                            color: root.palette.highlight
                            opacity: changes.activeFocus ? 0.25 : 0
                        }

                        delegate: Rectangle {
                            id: changeRow

                            required property var modelData
                            required property int index

                            width: ListView.view.width
                            height: 28
                            color: changeRow.index % 2 ? Qt.darker(root.palette.base, 1.02) : "transparent"
                            Accessible.role: Accessible.Row
                            Accessible.name: qsTr("%1 at %2: last sent %3, now %4", "@info")
                                             .arg(changeRow.modelData.sku).arg(changeRow.modelData.locationText)
                                             .arg(changeRow.modelData.lastText).arg(changeRow.modelData.nowText)

                            Row {
                                anchors.verticalCenter: parent.verticalCenter
                                x: 10
                                spacing: 8

                                Label {
                                    width: root.changeColumns[0]
                                    text: changeRow.modelData.sku
                                    elide: Text.ElideRight
                                }
                                Label {
                                    width: root.changeColumns[1]
                                    text: changeRow.modelData.locationText
                                    font.italic: changeRow.modelData.location.length === 0
                                    elide: Text.ElideRight
                                }
                                Label {
                                    width: root.changeColumns[2]
                                    horizontalAlignment: Text.AlignRight
                                    text: changeRow.modelData.lastText
                                    opacity: changeRow.modelData.last === undefined ? 0.6 : 1
                                }
                                Label {
                                    width: root.changeColumns[3]
                                    horizontalAlignment: Text.AlignRight
                                    text: changeRow.modelData.nowText
                                    font.bold: true
                                    opacity: changeRow.modelData.now === undefined ? 0.6 : 1
                                }
                                Label {
                                    width: root.changeColumns[4]
                                    horizontalAlignment: Text.AlignRight
                                    text: changeRow.modelData.differenceText
                                    // Less to sell is no fault: the sign says which way, in the text colour.
                                    font.bold: changeRow.modelData.difference === undefined
                                }
                            }
                        }

                        Label {
                            anchors.centerIn: parent
                            visible: changes.count === 0 && root.controller.changeCount === 0 && !root.controller.loading
                            text: root.current.written ? qsTr("✓ Up to date: the channel has what Stockroom would send now.", "@info")
                                                       : qsTr("Nothing to send.", "@info")
                            opacity: 0.6
                        }
                    }

                    Label {
                        Layout.fillWidth: true
                        Layout.margins: 6
                        visible: root.controller.changeCount > changes.count
                        text: qsTr("Showing the first %1 of %2.", "@info").arg(changes.count).arg(root.controller.changeCount)
                        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                        color: "#b45f06"
                    }
                }
            }
        }
    }
}
