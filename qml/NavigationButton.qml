// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

ItemDelegate {
    id: root

    property string shortcutText

    highlighted: checked
    checkable: false
    Accessible.name: root.text

    contentItem: RowLayout {
        spacing: 8

        Label {
            Layout.fillWidth: true
            text: root.text
            font.bold: root.checked
            elide: Text.ElideRight
        }
        Label {
            text: root.shortcutText
            opacity: 0.55
            font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
        }
    }
}
