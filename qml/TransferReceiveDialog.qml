// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// A transfer arrives: per line the units that arrived (typed, or one per scan) and those missing with a
// reason. Missing units wait for a manager; the rest can arrive later. One confirmation, one transaction.
Dialog {
    id: root

    required property InventoryDocuments documents
    /** The transfer as DocumentList.current has it. */
    property var transfer: ({})
    property var expected: []
    property bool waiting: false
    property string error
    property string scanned
    property int arrived: 0
    property int missing: 0
    /** A line with more than expected, or missing units without a reason: the service would refuse. */
    property string problem

    function recount(): void {
        let arrivedSum = 0;
        let missingSum = 0;
        let firstProblem = "";
        for (let i = 0; i < entries.count; ++i) {
            const entry = entries.get(i);
            const a = parseInt(entry.arrived) || 0;
            const m = parseInt(entry.missing) || 0;
            arrivedSum += a;
            missingSum += m;
            if (firstProblem.length === 0 && a + m > entry.expecting)
                firstProblem = qsTr("%1: only %2 still expected.", "@info").arg(entry.sku).arg(entry.expecting);
            else if (firstProblem.length === 0 && m > 0 && entry.reason.trim().length === 0)
                firstProblem = qsTr("%1: say why units are missing.", "@info").arg(entry.sku);
        }
        root.arrived = arrivedSum;
        root.missing = missingSum;
        root.problem = firstProblem;
    }
    function scanCode(code: string): void {
        if (code.trim().length === 0)
            return;
        const row = root.documents.lineForBarcode(root.expected, code);
        if (row < 0) {
            root.error = qsTr("✗ %1 is not expected on %2: set it aside.", "@info barcode, transfer").arg(code.trim()).arg(root.transfer.number);
            refusal.restart();
            return;
        }
        entries.setProperty(row, "arrived", String((parseInt(entries.get(row).arrived) || 0) + 1));
        root.scanned = entries.get(row).sku;
        root.error = "";
        root.recount();
        lines.positionViewAtIndex(row, ListView.Contain);
    }
    function fillExpected(): void {
        for (let i = 0; i < entries.count; ++i) {
            const rest = entries.get(i).expecting - (parseInt(entries.get(i).missing) || 0);
            entries.setProperty(i, "arrived", rest > 0 ? String(rest) : "");
        }
        root.recount();
    }
    function confirm(): void {
        if (root.arrived + root.missing <= 0 || root.problem.length > 0 || root.waiting)
            return;
        const given = [];
        for (let i = 0; i < entries.count; ++i) {
            const entry = entries.get(i);
            given.push({ sku: entry.sku, qty: entry.arrived, missing: entry.missing, reason: entry.reason });
        }
        root.error = "";
        root.waiting = true;
        root.documents.receiveTransfer(root.transfer.number, root.transfer.version, given);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(860, parent ? parent.width - 40 : 860)
    title: qsTr("Receive %1 from %2", "@title:window transfer, source location").arg(root.transfer.number || "").arg(root.transfer.from || "")
    onOpened: {
        entries.clear();
        root.expected = (root.transfer.lines || []).filter(line => line.expecting > 0);
        for (const line of root.expected)
            entries.append({ sku: line.sku, name: line.name, expecting: line.expecting, arrived: "", missing: "", reason: "" });
        root.error = "";
        root.scanned = "";
        root.waiting = false;
        root.recount();
        scan.forceActiveFocus();
    }

    Connections {
        target: root.documents.transfers
        function onFinished(ok: bool, message: string): void {
            if (!root.waiting)
                return;
            root.waiting = false;
            if (ok)
                root.close();
            else
                root.error = message;
        }
    }

    ListModel {
        id: entries
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.confirm()
        }

        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: scan

                Layout.fillWidth: true
                font.family: "DejaVu Sans Mono"
                placeholderText: qsTr("Scan a barcode or type a SKU: each Enter adds 1 arrived", "@info:placeholder")
                Accessible.name: qsTr("Scan or SKU", "@label")
                onAccepted: {
                    root.scanCode(text);
                    text = "";
                }
            }
            Button {
                text: qsTr("Everything arrived", "@action:button")
                onClicked: root.fillExpected()
                Accessible.name: qsTr("Fill in every expected quantity as arrived", "@action:button")
            }
        }
        Rectangle {
            Layout.fillWidth: true
            visible: root.error.length > 0
            implicitHeight: errorText.implicitHeight + 12
            radius: 4
            color: Qt.rgba(0.69, 0, 0.13, refusal.running ? 0.3 : 0.12)
            border.color: "#b00020"

            Label {
                id: errorText

                anchors.fill: parent
                anchors.margins: 6
                text: root.error
                color: "#b00020"
                font.bold: true
                font.pixelSize: Math.round(15 * InterfaceSettings.fontScale)
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.AlertMessage
            }
            Timer {
                id: refusal

                interval: 900
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            spacing: 6
            Label {
                Layout.preferredWidth: 90
                text: qsTr("SKU", "@title:column")
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Name", "@title:column")
                font.bold: true
            }
            Label {
                id: expectedHeading

                // Each number column as wide as its heading at least (longer in German).
                readonly property real columnWidth: Math.max(70, Math.ceil(implicitWidth))

                Layout.preferredWidth: columnWidth
                text: qsTr("Expected", "@title:column")
                font.bold: true
                horizontalAlignment: Text.AlignRight
            }
            Label {
                id: arrivedHeading

                readonly property real columnWidth: Math.max(70, Math.ceil(implicitWidth))

                Layout.preferredWidth: columnWidth
                text: qsTr("Arrived", "@title:column")
                font.bold: true
            }
            Label {
                id: missingHeading

                readonly property real columnWidth: Math.max(70, Math.ceil(implicitWidth))

                Layout.preferredWidth: columnWidth
                text: qsTr("Missing", "@title:column")
                font.bold: true
            }
            Label {
                Layout.preferredWidth: 170
                text: qsTr("Why missing", "@title:column")
                font.bold: true
            }
        }
        ListView {
            id: lines

            Layout.fillWidth: true
            Layout.fillHeight: true
            // As tall as its lines, up to what the page leaves for the rest of the dialog.
            Layout.preferredHeight: Math.max(40, Math.min(lines.contentHeight, (root.parent ? root.parent.height : 700) - 280))
            clip: true
            model: entries
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: Rectangle {
                id: line

                required property int index
                required property string sku
                required property string name
                required property int expecting
                required property string arrived
                required property string missing
                required property string reason
                readonly property bool tooMany: (parseInt(line.arrived) || 0) + (parseInt(line.missing) || 0) > line.expecting

                width: ListView.view.width
                height: 40
                color: line.sku === root.scanned ? "#ffe9a8" : (line.index % 2 ? Qt.darker(root.palette.base, 1.02) : root.palette.base)

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 8
                    anchors.rightMargin: 8
                    spacing: 6
                    Label {
                        Layout.preferredWidth: 90
                        text: line.sku
                        font.family: "DejaVu Sans Mono"
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: line.name
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.preferredWidth: expectedHeading.columnWidth
                        text: line.expecting
                        horizontalAlignment: Text.AlignRight
                        color: line.tooMany ? "#b00020" : root.palette.windowText
                        font.bold: line.tooMany
                    }
                    TextField {
                        Layout.preferredWidth: arrivedHeading.columnWidth
                        text: line.arrived
                        horizontalAlignment: Text.AlignRight
                        validator: IntValidator {
                            bottom: 0
                            top: 1000000
                        }
                        inputMethodHints: Qt.ImhDigitsOnly
                        Accessible.name: qsTr("Units of %1 arrived", "@label").arg(line.sku)
                        onTextEdited: {
                            entries.setProperty(line.index, "arrived", text);
                            root.recount();
                        }
                        onAccepted: scan.forceActiveFocus()
                    }
                    TextField {
                        Layout.preferredWidth: missingHeading.columnWidth
                        text: line.missing
                        horizontalAlignment: Text.AlignRight
                        validator: IntValidator {
                            bottom: 0
                            top: 1000000
                        }
                        inputMethodHints: Qt.ImhDigitsOnly
                        Accessible.name: qsTr("Units of %1 missing", "@label").arg(line.sku)
                        onTextEdited: {
                            entries.setProperty(line.index, "missing", text);
                            root.recount();
                        }
                    }
                    ComboBox {
                        Layout.preferredWidth: 170
                        editable: true
                        enabled: (parseInt(line.missing) || 0) > 0
                        model: [qsTr("damaged", "@item:inlistbox reason units are missing"),
                                qsTr("lost in transit", "@item:inlistbox reason units are missing"),
                                qsTr("short shipped", "@item:inlistbox reason units are missing")]
                        currentIndex: -1
                        editText: line.reason
                        onEditTextChanged: {
                            if (editText !== line.reason) {
                                entries.setProperty(line.index, "reason", editText);
                                root.recount();
                            }
                        }
                        Accessible.name: qsTr("Why units of %1 are missing", "@label").arg(line.sku)
                    }
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.problem.length > 0
            text: root.problem
            color: "#b00020"
            wrapMode: Text.WordWrap
        }
    }

    footer: DialogButtonBox {
        Button {
            text: root.waiting ? qsTr("Receiving…", "@action:button busy")
                  : root.missing > 0 ? qsTr("Receive %1, report %2 missing", "@action:button").arg(root.arrived).arg(root.missing)
                  : qsTr("Receive %n unit(s)", "@action:button", root.arrived)
            enabled: root.arrived + root.missing > 0 && root.problem.length === 0 && !root.waiting
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.confirm()
            ToolTip.visible: hovered
            ToolTip.text: "Ctrl+Enter"
        }
        Button {
            text: qsTr("Cancel", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
