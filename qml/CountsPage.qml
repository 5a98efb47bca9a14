// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Stock counts: the list on the left; on the right the counting screen (scan or type a SKU, Enter records;
// a scan without a quantity adds 1) and, once submitted, the variance report a manager approves or rejects.
// A blind count shows no expected quantities until it is submitted.
Page {
    id: root
    Accessible.name: qsTr("Counts", "@title:tab")

    required property InventoryDocuments documents
    /** Approving and rejecting variances is a manager's (the service refuses it to clerks). */
    property bool mayApprove: true
    property var locations: []
    /** Off while the database is unreachable: what is on screen stays, read-only. */
    property bool writable: true
    /** --dialog start (screenshots). */
    property string initialDialog
    readonly property DocumentList desk: root.documents.counts
    readonly property var count: root.desk.current
    readonly property bool has: root.count.number !== undefined
    readonly property bool canAct: root.writable && !root.desk.busy && root.has
    readonly property bool showBook: root.count.showBook === true
    /** The SKU recorded last: its line is tinted and scrolled into view. */
    property string touched

    function record(): void {
        if (scan.text.trim().length === 0)
            return;
        root.documents.recordCount(root.count.number, scan.text, quantity.text);
        scan.text = "";
        quantity.text = "";
        scan.forceActiveFocus();
    }

    padding: 12

    Component.onCompleted: {
        if (root.initialDialog === "start") {
            root.initialDialog = "";
            startDialog.open();
        }
    }

    Connections {
        target: root.desk
        function onCurrentChanged(): void {
            if ((root.count.touched || "").length > 0)
                root.touched = root.count.touched;
        }
        function onCurrentNumberChanged(): void {
            root.touched = "";
        }
        function onFinished(ok: bool): void {
            if (!ok)
                refusal.restart();
        }
    }

    Shortcut {
        sequence: "Ctrl+N"
        enabled: root.visible && root.writable
        onActivated: startDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+F"
        enabled: root.visible
        onActivated: root.count.canRecord === true ? scan.forceActiveFocus() : statusFilter.forceActiveFocus()
    }
    Shortcut {
        sequence: "Ctrl+Shift+S"
        enabled: root.visible && root.canAct && root.count.canSubmit === true
        onActivated: submitDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+A"
        enabled: root.visible && root.canAct && root.count.canApprove === true
        onActivated: approveDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+J"
        enabled: root.visible && root.canAct && root.count.canReject === true
        onActivated: rejectDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+O"
        enabled: root.visible && root.canAct && root.count.canReopen === true
        onActivated: root.documents.reopenCount(root.count.number, root.count.version)
    }

    StartCountDialog {
        id: startDialog

        anchors.centerIn: parent
        documents: root.documents
        locations: root.locations
    }
    ConfirmDialog {
        id: submitDialog

        anchors.centerIn: parent
        title: qsTr("Submit %1?", "@title:window").arg(root.count.number || "")
        text: (root.count.uncounted || 0) > 0
              ? qsTr("%n line(s) are not counted yet: count them first (0 if none are there).", "@info", root.count.uncounted || 0)
              : qsTr("Counting ends and the variance report goes to a manager.", "@info")
        onAccepted: root.documents.submitCount(root.count.number, root.count.version)
    }
    Dialog {
        id: approveDialog

        anchors.centerIn: parent
        modal: true
        width: 480
        title: qsTr("Approve %1?", "@title:window").arg(root.count.number || "")
        standardButtons: Dialog.Yes | Dialog.No
        onOpened: {
            approveNote.text = "";
            approveNote.forceActiveFocus();
        }
        onAccepted: root.documents.approveCount(root.count.number, root.count.version, approveNote.text)

        ColumnLayout {
            anchors.fill: parent
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("The stock at %1 is adjusted to what was counted: %n line(s), net %2 units (%3).", "@info", root.count.varianceLines || 0)
                      .arg(root.count.location || "").arg(root.count.varianceUnits || 0).arg(root.count.varianceValue || "")
            }
            TextField {
                id: approveNote

                Layout.fillWidth: true
                placeholderText: qsTr("Note (optional)", "@info:placeholder")
                Accessible.name: qsTr("Approval note", "@label")
                onAccepted: approveDialog.accept()
            }
        }
    }
    Dialog {
        id: rejectDialog

        anchors.centerIn: parent
        modal: true
        width: 460
        title: qsTr("Reject %1", "@title:window").arg(root.count.number || "")
        standardButtons: Dialog.Ok | Dialog.Cancel
        onOpened: {
            reason.text = "";
            reason.forceActiveFocus();
        }
        onAccepted: root.documents.rejectCount(root.count.number, root.count.version, reason.text)

        Binding {
            target: rejectDialog.standardButton(Dialog.Ok)
            property: "enabled"
            value: reason.text.trim().length > 0
        }

        ColumnLayout {
            anchors.fill: parent
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Nothing is booked. Why?", "@label:textbox")
            }
            TextField {
                id: reason

                Layout.fillWidth: true
                placeholderText: qsTr("e.g. counted the wrong bins", "@info:placeholder")
                Accessible.name: qsTr("Reason for rejecting", "@label")
                onAccepted: {
                    if (text.trim().length > 0)
                        rejectDialog.accept();
                }
            }
        }
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
                Accessible.name: qsTr("Show stock counts by status", "@label")
            }
            Button {
                text: qsTr("Start count…", "@action:button")
                enabled: root.writable
                onClicked: startDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: "Ctrl+N"
                Accessible.name: qsTr("Start a stock count", "@action:button")
            }
            Label {
                height: statusFilter.height
                verticalAlignment: Text.AlignVCenter
                text: qsTr("%n count(s)", "@info", root.desk.count)
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
            fillColumn: 1
            separator: " · "
            titles: [qsTr("Count", "@title:column"), qsTr("Location · scope", "@title:column"), "",
                     qsTr("Status", "@title:column"), qsTr("Started", "@title:column"),
                     qsTr("Counted", "@title:column counted / all lines"), qsTr("Variance", "@title:column")]
            widths: [85, 0, 0, 90, 78, 60, 114]
            emptyText: qsTr("No stock counts here. Ctrl+N starts one.", "@info")
        }

        Frame {
            Layout.preferredWidth: Math.max(480, Math.min(680, root.availableWidth * 0.47))
            Layout.fillHeight: true
            padding: 10

            ColumnLayout {
                anchors.fill: parent
                spacing: 4

                Label {
                    visible: !root.has
                    text: root.desk.currentNumber.length > 0 ? root.desk.currentNumber : qsTr("No stock count selected", "@info")
                    font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                    font.bold: true
                }
                RowLayout {
                    visible: root.has
                    spacing: 8
                    Label {
                        text: root.count.number || ""
                        font.pixelSize: Math.round(20 * InterfaceSettings.fontScale)
                        font.bold: true
                    }
                    StatusBadge {
                        status: root.count.badge || ""
                        text: root.count.statusText || ""
                    }
                    Label {
                        text: root.count.location || ""
                        font.pixelSize: Math.round(16 * InterfaceSettings.fontScale)
                    }
                    Label {
                        visible: root.count.blind === true
                        text: qsTr("Blind", "@info the counter does not see the expected quantities")
                        font.italic: true
                        opacity: 0.75
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.has
                    text: (root.count.kindText || "") + (root.count.cycle === true ? ": " + (root.count.scope || "") : "")
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.has
                    text: [qsTr("started by %1, %2", "@info").arg(root.count.createdBy || "").arg(root.count.created || ""),
                           (root.count.submittedAt || "").length > 0 ? qsTr("submitted by %1, %2", "@info").arg(root.count.submittedBy || "").arg(root.count.submittedAt) : "",
                           (root.count.decidedAt || "").length > 0 ? qsTr("%1 by %2, %3", "@info decision by who, when").arg(root.count.statusText || "").arg(root.count.decidedBy || "").arg(root.count.decidedAt) : ""]
                          .filter(t => t.length > 0).join(" · ")
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    opacity: 0.75
                    wrapMode: Text.WordWrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.count.decisionNote || "").length > 0 || (root.count.note || "").length > 0
                    text: [(root.count.note || "").length > 0 ? qsTr("Note: %1", "@info").arg(root.count.note) : "",
                           (root.count.decisionNote || "").length > 0 ? qsTr("Decision: %1", "@info").arg(root.count.decisionNote) : ""]
                          .filter(t => t.length > 0).join(" · ")
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }

                // Counting: the quantity first (optional), then the scan; a scanner's Enter records.
                Rectangle {
                    Layout.fillWidth: true
                    Layout.topMargin: 4
                    visible: root.count.canRecord === true
                    implicitHeight: scanRow.implicitHeight + 12
                    radius: 4
                    color: refusal.running ? Qt.rgba(0.69, 0, 0.13, 0.25) : Qt.darker(root.palette.window, 1.04)
                    border.color: refusal.running ? "#b00020" : "transparent"

                    Timer {
                        id: refusal

                        interval: 900
                    }

                    RowLayout {
                        id: scanRow

                        anchors.fill: parent
                        anchors.margins: 6
                        spacing: 6

                        TextField {
                            id: quantity

                            Layout.preferredWidth: 120
                            horizontalAlignment: Text.AlignRight
                            placeholderText: qsTr("Qty (empty: +1)", "@info:placeholder")
                            validator: IntValidator {
                                bottom: 0
                                top: 1000000
                            }
                            inputMethodHints: Qt.ImhDigitsOnly
                            enabled: root.writable
                            Accessible.name: qsTr("Counted quantity; empty adds one per scan", "@label")
                            onAccepted: {
                                if (scan.text.trim().length > 0)
                                    root.record();
                                else
                                    scan.forceActiveFocus();
                            }
                        }
                        TextField {
                            id: scan

                            Layout.fillWidth: true
                            font.family: "DejaVu Sans Mono"
                            placeholderText: qsTr("Scan or type SKU / GTIN (Ctrl+F)", "@info:placeholder")
                            enabled: root.writable
                            focus: true
                            Accessible.name: qsTr("Scan or SKU", "@label")
                            onAccepted: root.record()
                        }
                        Button {
                            text: qsTr("Record", "@action:button")
                            enabled: root.writable && scan.text.trim().length > 0
                            onClicked: root.record()
                            Accessible.name: qsTr("Record the count", "@action:button")
                        }
                    }
                }
                DocumentMessage {
                    Layout.fillWidth: true
                    list: root.desk
                }

                RowLayout {
                    Layout.fillWidth: true
                    visible: root.has
                    spacing: 8
                    ProgressBar {
                        Layout.preferredWidth: 140
                        from: 0
                        to: Math.max(1, root.count.lineCount || 0)
                        value: root.count.counted || 0
                        Accessible.name: qsTr("Lines counted", "@label")
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 of %n line(s) counted", "@info", root.count.lineCount || 0).arg(root.count.counted || 0)
                        elide: Text.ElideRight
                    }
                }

                GridLayout {
                    Layout.fillWidth: true
                    visible: root.has
                    columns: 4
                    columnSpacing: 4
                    rowSpacing: 2

                    DocumentActionButton {
                        text: qsTr("Submit…", "@action:button end counting")
                        shortcut: "Ctrl+Shift+S"
                        enabled: root.canAct && root.count.canSubmit === true
                        highlighted: enabled && (root.count.uncounted || 0) === 0
                        onClicked: submitDialog.open()
                    }
                    DocumentActionButton {
                        text: qsTr("Approve…", "@action:button book the variances")
                        visible: root.mayApprove
                        shortcut: "Ctrl+Shift+A"
                        enabled: root.canAct && root.count.canApprove === true
                        highlighted: enabled
                        onClicked: approveDialog.open()
                    }
                    DocumentActionButton {
                        text: qsTr("Reject…", "@action:button")
                        visible: root.mayApprove
                        shortcut: "Ctrl+Shift+J"
                        enabled: root.canAct && root.count.canReject === true
                        onClicked: rejectDialog.open()
                    }
                    DocumentActionButton {
                        text: qsTr("Reopen", "@action:button count again")
                        shortcut: "Ctrl+Shift+O"
                        enabled: root.canAct && root.count.canReopen === true
                        onClicked: root.documents.reopenCount(root.count.number, root.count.version)
                    }
                }

                // The variance report: what was expected, what the books said when each line was counted,
                // what was counted; only the difference to the books at that moment is a variance.
                RowLayout {
                    Layout.fillWidth: true
                    Layout.topMargin: 6
                    visible: root.has && root.showBook
                    Label {
                        Layout.fillWidth: true
                        text: (root.count.varianceLines || 0) === 0
                              ? qsTr("No variance: every counted line matches the books.", "@info")
                              : qsTr("Net %1 units (%2) · %n line(s) differ · gross %3 units (%4)", "@info variance totals", root.count.varianceLines || 0)
                                .arg((root.count.varianceUnits || 0) > 0 ? "+" + root.count.varianceUnits
                                     : (root.count.varianceUnits || 0) < 0 ? "−" + (-root.count.varianceUnits) : "0")
                                .arg(root.count.varianceValue || "").arg(root.count.grossUnits || 0).arg(root.count.grossValue || "")
                        font.bold: true
                        color: (root.count.varianceLines || 0) > 0 ? "#b45f06" : root.palette.windowText
                        wrapMode: Text.WordWrap
                    }
                    CheckBox {
                        id: onlyDifferences

                        text: qsTr("Only differences", "@option:check")
                        enabled: (root.count.varianceLines || 0) > 0
                    }
                }
                LinesTable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    visible: root.has
                    markValue: root.touched
                    model: (root.count.lines || []).filter(line => !onlyDifferences.checked || line.variance !== 0)
                    columns: root.showBook ? [
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 72, mono: true },
                        { title: qsTr("Name", "@title:column"), key: "name" },
                        { title: qsTr("Expected", "@title:column on hand at the start"), key: "expected", width: 68, number: true },
                        { title: qsTr("At count", "@title:column on hand when counted"), key: "book", width: 58, number: true },
                        { title: qsTr("Counted", "@title:column"), key: "counted", width: 58, number: true },
                        { title: qsTr("Var.", "@title:column variance in units"), key: "variance", width: 42, number: true, blankZero: true, signed: true, warnKey: "variance" },
                        { title: qsTr("Value", "@title:column variance at average cost"), key: "varianceValue", width: 66, right: true, warnKey: "variance" }
                    ] : [
                        { title: qsTr("Bin", "@title:column"), key: "bin", width: 70, mono: true },
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 100, mono: true },
                        { title: qsTr("Name", "@title:column"), key: "name" },
                        { title: qsTr("Counted", "@title:column"), key: "counted", width: 70, number: true },
                        { title: qsTr("By", "@title:column counted by"), key: "countedBy", width: 90 }
                    ]
                }
                Item {
                    Layout.fillHeight: true
                    visible: !root.has
                }
                Label {
                    Layout.fillWidth: true
                    visible: (root.count.updatedBy || "").length > 0
                    text: qsTr("Last change by %1, %2", "@info").arg(root.count.updatedBy || "").arg(root.count.updated || "")
                    opacity: 0.6
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    elide: Text.ElideRight
                }
            }
        }
    }
}
