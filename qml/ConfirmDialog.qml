// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

// A yes/no question about a document: Enter says yes, Escape says no.
Dialog {
    id: root

    property string text

    modal: true
    width: 460
    standardButtons: Dialog.Yes | Dialog.No
    onOpened: message.forceActiveFocus()

    Label {
        id: message

        width: parent.width
        wrapMode: Text.WordWrap
        text: root.text
        Accessible.role: Accessible.AlertMessage
        Keys.onReturnPressed: root.accept()
        Keys.onEnterPressed: root.accept()
    }
}
