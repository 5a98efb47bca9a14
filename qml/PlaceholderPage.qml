// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

Page {
    id: root

    property string explanation

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 560)
        spacing: 12

        Label {
            Layout.alignment: Qt.AlignHCenter
            text: root.title
            font.pixelSize: Math.round(26 * InterfaceSettings.fontScale)
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            text: root.explanation
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            opacity: 0.75
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Not built yet", "@info placeholder view")
            font.italic: true
            opacity: 0.6
        }
    }
}
