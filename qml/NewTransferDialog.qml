// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// A new transfer as a draft: from one location to another, with its lines. "Request" and "Ship" follow in
// the Transfers view.
Dialog {
    id: root

    required property InventoryDocuments documents
    property var locations: []
    property bool waiting: false
    property string error
    readonly property var codes: root.locations.map(l => l.code)

    function confirm(): void {
        if (root.waiting)
            return;
        root.error = "";
        root.waiting = true;
        root.documents.createTransfer(from.currentText, to.currentText, editor.lines(), note.text);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(560, parent ? parent.width - 40 : 560)
    title: qsTr("New transfer", "@title:window")
    onOpened: {
        root.error = "";
        root.waiting = false;
        editor.clear();
        note.text = "";
        if (to.currentIndex === from.currentIndex && root.codes.length > 1)
            to.currentIndex = (from.currentIndex + 1) % root.codes.length;
        from.forceActiveFocus();
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

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.confirm()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 2
            rowSpacing: 6

            Label {
                text: qsTr("From:", "@label:listbox source location")
            }
            ComboBox {
                id: from

                Layout.fillWidth: true
                model: root.codes
                Accessible.name: qsTr("Source location", "@label")
            }
            Label {
                text: qsTr("To:", "@label:listbox destination location")
            }
            ComboBox {
                id: to

                Layout.fillWidth: true
                model: root.codes
                currentIndex: root.codes.length > 1 ? 1 : 0
                Accessible.name: qsTr("Destination location", "@label")
            }
        }
        Label {
            Layout.fillWidth: true
            visible: from.currentIndex === to.currentIndex
            text: qsTr("A transfer goes between two different locations.", "@info")
            color: "#b45f06"
            wrapMode: Text.WordWrap
        }
        DocumentLinesEditor {
            id: editor

            Layout.fillWidth: true
        }
        TextField {
            id: note

            Layout.fillWidth: true
            placeholderText: qsTr("Note (optional)", "@info:placeholder")
            Accessible.name: qsTr("Note", "@label")
        }
        Label {
            Layout.fillWidth: true
            visible: root.error.length > 0
            text: root.error
            color: "#b00020"
            font.bold: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Create draft", "@action:button")
            enabled: !root.waiting && from.currentIndex !== to.currentIndex
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
