// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// A document's lines as a table: columns are {title, key, width (0: takes what is left), number, mono,
// blankZero (0 shows nothing), signed (+3), right (aligned right), warnKey (amber when that key is not 0)}; a negative number
// means "not yet" and shows a dash. noteKey adds a small second line where a row has one (a reason).
Pane {
    id: root

    property alias model: view.model
    property var columns: []
    property string noteKey
    property string notePrefix
    /** The row whose key equals this value is tinted (the line just scanned). */
    property string markKey: "sku"
    property string markValue
    /** Each column's width: the one asked for, but never narrower than its heading (0 stays: it takes the rest). */
    readonly property var widths: root.columns.map(c => c.width ? Math.max(c.width, Math.ceil(headingMetrics.advanceWidth(c.title || "")) + 2) : 0)
    readonly property int fixedWidth: root.widths.reduce((sum, w) => sum + w, 0) + (root.columns.length - 1) * 6 + 16
    readonly property int fillWidth: Math.max(60, view.width - root.fixedWidth)

    function cellText(row: var, column: var): string {
        const value = row[column.key];
        if (value === undefined || value === null)
            return "";
        if (!column.number)
            return String(value);
        if (value < 0)
            return "—";
        if (value === 0 && column.blankZero)
            return "";
        return (column.signed && value > 0 ? "+" : "") + Number(value).toLocaleString(Qt.locale(), "f", 0);
    }
    function signedText(row: var, column: var): string {
        const value = row[column.key];
        if (column.signed && typeof value === "number" && value < 0)
            return "−" + Number(-value).toLocaleString(Qt.locale(), "f", 0);
        return root.cellText(row, column);
    }
    function showLine(value: string): void {
        for (let i = 0; i < view.count; ++i) {
            const row = view.model[i];
            if (row && row[root.markKey] === value) {
                view.positionViewAtIndex(i, ListView.Contain);
                return;
            }
        }
    }

    padding: 0
    background: null

    onMarkValueChanged: root.showLine(root.markValue)

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Measures the headings in the font they are drawn in.
        Label {
            id: headingFont

            visible: false
            font.bold: true
            font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
        }
        FontMetrics {
            id: headingMetrics

            font: headingFont.font
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 26
            clip: true
            color: Qt.darker(root.palette.base, 1.05)

            Row {
                anchors.verticalCenter: parent.verticalCenter
                x: 8
                spacing: 6

                Repeater {
                    model: root.columns
                    delegate: Label {
                        required property var modelData
                        required property int index

                        width: root.widths[index] || root.fillWidth
                        text: modelData.title
                        font.bold: true
                        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                        horizontalAlignment: modelData.number || modelData.right ? Text.AlignRight : Text.AlignLeft
                        elide: Text.ElideRight
                    }
                }
            }
        }

        ListView {
            id: view

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: Rectangle {
                id: line

                required property var modelData
                required property int index
                readonly property string note: root.noteKey.length > 0 ? (line.modelData[root.noteKey] || "") : ""
                readonly property bool marked: root.markValue.length > 0 && line.modelData[root.markKey] === root.markValue

                width: ListView.view.width
                height: cells.height + (line.note.length > 0 ? noteLabel.implicitHeight : 0) + 8
                color: line.marked ? "#ffe9a8" : (line.index % 2 ? Qt.darker(root.palette.base, 1.02) : root.palette.base)

                Behavior on color {
                    ColorAnimation {
                        duration: 400
                    }
                }

                Row {
                    id: cells

                    x: 8
                    y: 4
                    spacing: 6

                    Repeater {
                        model: root.columns
                        delegate: Label {
                            id: cell

                            required property var modelData
                            required property int index
                            readonly property var warnValue: cell.modelData.warnKey ? line.modelData[cell.modelData.warnKey] : 0

                            width: root.widths[cell.index] || root.fillWidth
                            text: root.signedText(line.modelData, cell.modelData)
                            font.family: cell.modelData.mono ? "DejaVu Sans Mono" : root.font.family
                            font.bold: cell.warnValue !== 0 && cell.warnValue !== undefined
                            color: cell.warnValue !== 0 && cell.warnValue !== undefined ? "#b45f06" : root.palette.windowText
                            horizontalAlignment: cell.modelData.number || cell.modelData.right ? Text.AlignRight : Text.AlignLeft
                            elide: Text.ElideRight
                        }
                    }
                }
                Label {
                    id: noteLabel

                    anchors.top: cells.bottom
                    x: 8 + (root.widths.length > 0 ? root.widths[0] + 6 : 0)
                    width: parent.width - x - 8
                    visible: line.note.length > 0
                    text: root.notePrefix + line.note
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    color: "#b45f06"
                    elide: Text.ElideRight
                }
            }
        }
    }
}
