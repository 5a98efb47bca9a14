// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Horizontal bars with the value written beside each: a few categories (locations) whose amounts are money,
// which Qt Charts' axes can only print as plain numbers. Drawn with Qt Quick, so no chart library is involved.
Item {
    id: root

    /** [{label: string, hint: string, value: number, text: string}] in display order. */
    property var bars: []
    property color color: "#1565c0"
    readonly property real highest: {
        let top = 0;
        for (const bar of root.bars)
            top = Math.max(top, bar.value);
        return top;
    }

    implicitHeight: column.implicitHeight

    ColumnLayout {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: 10

        Repeater {
            model: root.bars

            delegate: RowLayout {
                id: bar

                required property var modelData

                Layout.fillWidth: true
                spacing: 8
                Accessible.role: Accessible.StaticText
                Accessible.name: bar.modelData.label + ": " + bar.modelData.text

                ColumnLayout {
                    Layout.preferredWidth: 118
                    Layout.maximumWidth: 118
                    spacing: 0

                    Label {
                        Layout.fillWidth: true
                        text: bar.modelData.label
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: bar.modelData.hint
                        font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                        opacity: 0.65
                        elide: Text.ElideRight
                    }
                }
                Item {
                    id: track

                    Layout.fillWidth: true
                    Layout.preferredHeight: 22

                    Rectangle {
                        width: root.highest > 0 ? Math.max(2, track.width * bar.modelData.value / root.highest) : 0
                        height: parent.height
                        radius: 3
                        color: root.color
                    }
                }
                Label {
                    Layout.preferredWidth: 92
                    horizontalAlignment: Text.AlignRight
                    text: bar.modelData.text
                }
            }
        }
    }
}
