// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Stockroom

// Orders from a shop platform's export file (Shopify, WooCommerce, Amazon, eBay, Etsy, or ours): choose it,
// preview what it would do (a dry run on the database thread), then import it, all or nothing. Import is
// offered only after a clean preview of the same file and options; the controller holds that state. The
// report lists every problem with its line, what happened to single orders (the order number opens it) and
// the SKUs that are none of ours, which the SKU aliases dialog maps.
Dialog {
    id: root

    required property OrderImportController controller
    /** Channels seen so far, offered for the channel field. */
    property var channels: []
    /** Off while the database is unreachable: previews still show, nothing is imported. */
    property bool writable: true
    readonly property var report: root.controller.report
    readonly property var formats: root.controller.formats
    readonly property bool clean: root.controller.hasReport && root.controller.problemCount === 0
    readonly property bool showReport: root.controller.hasReport && !root.controller.busy

    /** The clerk wants to see this order (the page shows it). */
    signal orderRequested(string number)
    /** The clerk wants to map the file's unknown SKUs. */
    signal mapRequested()

    /** A count as the locale writes it (12,345). */
    function count(value: var): string {
        return Number(value || 0).toLocaleString(Qt.locale(), "f", 0);
    }
    function chooseFile(): void {
        if (!root.controller.busy)
            fileDialog.open();
    }
    function preview(): void {
        root.controller.channel = channel.text; // typed, and Ctrl+P pressed without leaving the field
        if (!root.controller.busy && root.controller.fileName.length > 0)
            root.controller.preview();
    }
    function runImport(): void {
        root.controller.channel = channel.text;
        if (root.writable && root.controller.canImport)
            root.controller.runImport();
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(900, parent ? parent.width - 40 : 900)
    height: Math.min(720, parent ? parent.height - 40 : 720)
    title: qsTr("Import orders", "@title:window")
    onOpened: chooseButton.forceActiveFocus()

    FileDialog {
        id: fileDialog

        title: qsTr("Import orders", "@title:window")
        nameFilters: [qsTr("Order exports (*.csv *.txt *.tsv)", "@item:inlistbox"), qsTr("All files (*)", "@item:inlistbox")]
        onAccepted: {
            root.controller.setFileUrl(fileDialog.selectedFile);
            root.controller.preview(); // the first look at once: nothing changes before Import
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Preview", "@action:button")
            enabled: !root.controller.busy && root.controller.fileName.length > 0
            highlighted: !root.controller.canImport
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.preview()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Check the file without changing anything (Ctrl+P)", "@info:tooltip")
            Accessible.name: qsTr("Preview the import", "@action:button")
        }
        Button {
            text: qsTr("Import", "@action:button")
            enabled: root.writable && root.controller.canImport
            highlighted: root.controller.canImport
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.runImport()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Apply what the preview showed (Ctrl+Enter)", "@info:tooltip")
            Accessible.name: qsTr("Import the orders", "@action:button")
        }
        Button {
            text: qsTr("Close", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequence: StandardKey.Open
            enabled: root.opened
            onActivated: root.chooseFile()
        }
        Shortcut {
            sequence: "Ctrl+P"
            enabled: root.opened
            onActivated: root.preview()
        }
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.runImport()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 3
            rowSpacing: 6
            enabled: !root.controller.busy

            Label {
                text: qsTr("File:", "@label:textbox")
            }
            TextField {
                Layout.fillWidth: true
                readOnly: true
                text: root.controller.fileName
                placeholderText: qsTr("No file chosen", "@info:placeholder")
                Accessible.name: qsTr("File to import", "@label")
            }
            Button {
                id: chooseButton

                text: qsTr("Choose…", "@action:button")
                onClicked: root.chooseFile()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose an order export (Ctrl+O)", "@info:tooltip")
                Accessible.name: qsTr("Choose a file", "@action:button")
            }
            Label {
                text: qsTr("Format:", "@label:listbox")
            }
            ComboBox {
                id: format

                Layout.fillWidth: true
                Layout.columnSpan: 2
                textRole: "label"
                valueRole: "value"
                model: root.formats
                currentIndex: root.formats.findIndex(f => f.value === root.controller.format)
                onActivated: root.controller.format = format.currentValue
                Accessible.name: qsTr("File format", "@label")
            }
            Label {
                text: qsTr("Channel:", "@label:textbox")
            }
            TextField {
                id: channel

                Layout.fillWidth: true
                text: root.controller.channel
                placeholderText: root.controller.defaultChannel.length > 0
                                 ? qsTr("%1 (the format's channel)", "@info:placeholder").arg(root.controller.defaultChannel)
                                 : qsTr("The format's channel", "@info:placeholder")
                onEditingFinished: root.controller.channel = channel.text
                Accessible.name: qsTr("Channel the orders belong to (empty: the format's)", "@label")
                Accessible.description: channel.placeholderText
            }
            Button {
                id: channelButton

                text: qsTr("Known…", "@action:button channels seen so far")
                enabled: root.channels.length > 0
                onClicked: channelMenu.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose one of the channels orders came from so far", "@info:tooltip")
                Accessible.name: qsTr("Known channels", "@action:button")

                Menu {
                    id: channelMenu

                    y: channelButton.height
                    MenuItem {
                        text: qsTr("The format's channel", "@item:inmenu")
                        onTriggered: root.controller.channel = ""
                    }
                    Repeater {
                        model: root.channels
                        delegate: MenuItem {
                            required property string modelData

                            text: modelData
                            onTriggered: root.controller.channel = modelData
                        }
                    }
                }
            }
        }

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                anchors.fill: parent
                spacing: 6

                RowLayout {
                    visible: root.controller.busy
                    spacing: 8

                    BusyIndicator {
                        Layout.preferredWidth: 32
                        Layout.preferredHeight: 32
                        running: root.controller.busy
                    }
                    Label {
                        text: root.controller.importing ? qsTr("Importing…", "@info") : qsTr("Checking the file against the database…", "@info")
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: !root.controller.busy && !root.controller.hasReport
                    text: qsTr("An order export of Shopify, WooCommerce, Amazon, eBay or Etsy, or our own orders file. Preview shows what the file would do; nothing changes before Import, and a file with any problem is not imported at all. Importing a file again changes nothing: orders already here only move forward (paid, shipped, cancelled).", "@info")
                    wrapMode: Text.WordWrap
                    opacity: 0.75
                }

                // What the file holds and would do (or did).
                GridLayout {
                    Layout.fillWidth: true
                    visible: root.showReport
                    columns: 2
                    columnSpacing: 16
                    rowSpacing: 2

                    Label {
                        text: qsTr("Format:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        Layout.fillWidth: true
                        text: root.report.detected === true ? qsTr("%1 (detected)", "@info file format").arg(root.report.format) : (root.report.format || "")
                        elide: Text.ElideRight
                    }
                    Label {
                        visible: (root.report.channelText || "").length > 0
                        text: qsTr("Channel:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: (root.report.channelText || "").length > 0
                        text: root.report.channelText || ""
                        elide: Text.ElideRight
                    }
                    Label {
                        text: qsTr("Rows read:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        text: root.count(root.report.rowsRead)
                    }
                    Label {
                        visible: root.clean
                        text: qsTr("Orders:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: root.clean
                        text: qsTr("%1 new (%2 on hold), %3 updated, %4 unchanged", "@info orders")
                                  .arg(root.count(root.report.ordersNew)).arg(root.count(root.report.ordersOnHold))
                                  .arg(root.count(root.report.ordersUpdated)).arg(root.count(root.report.ordersUnchanged))
                              + (root.report.ordersSkipped > 0 ? qsTr("; %1 with nothing to send skipped", "@info orders").arg(root.count(root.report.ordersSkipped)) : "")
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        visible: root.clean
                        text: qsTr("Lines:", "@label order lines")
                        opacity: 0.75
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: root.clean
                        text: root.report.linesSkipped > 0
                              ? qsTr("%1, of which %2 with nothing to send (gift cards, digital goods)", "@info order lines").arg(root.count(root.report.lines)).arg(root.count(root.report.linesSkipped))
                              : root.count(root.report.lines)
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        visible: root.clean
                        text: qsTr("Stock:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: root.clean
                        text: qsTr("%1 units reserved, %2 backordered", "@info stock").arg(root.count(root.report.unitsReserved)).arg(root.count(root.report.unitsBackordered))
                        wrapMode: Text.WordWrap
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.clean && !root.controller.busy
                    text: root.report.applied === true
                          ? qsTr("Imported: the orders are in the Orders view.", "@info")
                          : root.controller.stale
                            ? qsTr("The file or the options changed since this preview: preview again.", "@info")
                            : qsTr("Nothing has been changed yet: Import applies exactly this.", "@info")
                    wrapMode: Text.WordWrap
                    color: root.controller.stale ? "#b45f06" : "#2e7d32"
                    font.bold: true
                    Accessible.role: Accessible.AlertMessage
                }

                // Every problem, where it is and why; not one order is imported while there are any. A text
                // area, so that the clerk can select and copy them (to fix the file, or to send them on).
                RowLayout {
                    Layout.fillWidth: true
                    visible: root.controller.problemCount > 0 && !root.controller.busy

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%n problem(s) in %1: nothing will be imported until every one is fixed.", "@info", root.controller.problemCount).arg(root.report.fileName || "")
                        color: "#b00020"
                        font.bold: true
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.AlertMessage
                    }
                    Button {
                        text: qsTr("Copy", "@action:button")
                        onClicked: {
                            problemText.selectAll();
                            problemText.copy();
                            problemText.deselect();
                        }
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Copy every problem to the clipboard", "@info:tooltip")
                        Accessible.name: qsTr("Copy the problems", "@action:button")
                    }
                }
                ScrollView {
                    id: problemScroll

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: root.controller.problemCount > 0 && !root.controller.busy
                    clip: true

                    TextArea {
                        id: problemText

                        readOnly: true
                        selectByMouse: true
                        selectByKeyboard: true
                        wrapMode: TextEdit.Wrap
                        textFormat: TextEdit.PlainText
                        text: root.controller.problems.join("\n")
                        font.family: "DejaVu Sans Mono"
                        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                        Accessible.name: qsTr("Problems", "@label")
                    }
                }

                // What happened to single orders: on hold (their SKUs are none of ours), kept, to look at.
                Label {
                    Layout.fillWidth: true
                    visible: root.clean && root.controller.notices.count > 0
                    text: qsTr("Orders to look at (%1):", "@info").arg(root.controller.notices.count)
                    font.bold: true
                }
                ListView {
                    id: noticeList

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: root.clean && root.controller.notices.count > 0
                    clip: true
                    spacing: 2
                    model: root.controller.notices
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.name: qsTr("Orders to look at", "@label")
                    // The order numbers are buttons, reached with Tab: the list scrolls to the one in focus.
                    delegate: NoticeRow {
                        id: noticeRow

                        width: ListView.view.width - 12
                        applied: root.report.applied === true
                        onOpenRequested: number => root.orderRequested(number)
                        onFocused: noticeList.positionViewAtIndex(noticeRow.index, ListView.Contain)
                    }
                }

                // The file's SKUs that are none of ours: their orders wait on hold until each is mapped.
                RowLayout {
                    Layout.fillWidth: true
                    visible: root.clean && root.controller.unknownSkus.length > 0
                    spacing: 8

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("⚠ Not our products (%1): %2", "@info").arg(root.controller.unknownSkus.length).arg(root.controller.unknownSkus.join(", "))
                        wrapMode: Text.WordWrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        color: "#b45f06"
                    }
                    Button {
                        text: qsTr("Map SKUs…", "@action:button")
                        onClicked: root.mapRequested()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Say which of our products each one is: the orders then come off hold", "@info:tooltip")
                        Accessible.name: qsTr("Map the unknown SKUs to our products", "@action:button")
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.controller.message.length > 0
                    text: root.controller.message
                    wrapMode: Text.WordWrap
                    color: "#b00020"
                    font.bold: true
                    Accessible.role: Accessible.AlertMessage
                }
                Item {
                    Layout.fillHeight: true
                    visible: !problemScroll.visible && !noticeList.visible
                }
            }
        }
    }

    // One notice: its kind in words (not by colour alone), the file's line, the channel's order id, our order
    // (a button that opens it, once it exists) and what happened.
    component NoticeRow: RowLayout {
        id: notice

        required property int index
        required property string kind
        required property string kindText
        required property int line
        required property string externalId
        required property string number
        required property string message
        /** The report is of an import, not of a preview. */
        property bool applied: false
        // A dry run's new orders were numbered and rolled back: those numbers belong to no order yet.
        readonly property bool openable: notice.number.length > 0 && (notice.applied || notice.kind !== "on_hold")

        signal openRequested(string number)
        /** Its order's button took the keyboard focus. */
        signal focused()

        spacing: 8

        Label {
            Layout.preferredWidth: 96
            text: notice.kindText
            font.bold: true
            color: notice.kind === "on_hold" ? "#b00020" : notice.kind === "kept" ? "#1565c0" : "#b45f06"
            elide: Text.ElideRight
        }
        Label {
            Layout.preferredWidth: 76
            text: qsTr("line %1", "@info file line").arg(notice.line)
            opacity: 0.75
        }
        Label {
            Layout.preferredWidth: 80
            text: notice.externalId
            elide: Text.ElideRight
        }
        Item {
            Layout.preferredWidth: 110
            implicitHeight: open.implicitHeight

            Button {
                id: open

                visible: notice.openable
                flat: true
                leftPadding: 2
                rightPadding: 2
                text: notice.number
                font.underline: true
                onClicked: notice.openRequested(notice.number)
                onActiveFocusChanged: {
                    if (open.activeFocus)
                        notice.focused();
                }
                Keys.onReturnPressed: notice.openRequested(notice.number)
                Keys.onEnterPressed: notice.openRequested(notice.number)
                Accessible.name: qsTr("Open order %1", "@action:button").arg(notice.number)
            }
            Label {
                anchors.verticalCenter: parent.verticalCenter
                x: 2
                visible: !notice.openable
                text: notice.number.length > 0 ? qsTr("new", "@info a new order, not imported yet") : "—"
                opacity: 0.6
            }
        }
        Label {
            Layout.fillWidth: true
            text: notice.message
            wrapMode: Text.WordWrap
            textFormat: Text.PlainText
        }
    }
}
