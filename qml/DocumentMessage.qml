// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// The outcome of the last action on a document list: green when done, red when refused. A stale refusal
// (somebody changed the document first) says that what is shown now is the new state.
RowLayout {
    id: root

    required property DocumentList list

    visible: root.list.message.length > 0
    spacing: 4

    Label {
        Layout.fillWidth: true
        text: root.list.message + (root.list.stale ? " " + qsTr("It is shown as it is now: look again before you retry.", "@info") : "")
        wrapMode: Text.WordWrap
        color: root.list.failed ? "#b00020" : "#2e7d32"
        font.bold: root.list.failed
        Accessible.role: Accessible.AlertMessage
    }
    ToolButton {
        text: "✕"
        onClicked: root.list.clearMessage()
        Accessible.name: qsTr("Dismiss the message", "@action:button")
    }
}
