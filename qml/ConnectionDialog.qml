// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

Dialog {
    id: root

    required property ConnectionSettings settings
    /** Opened again after a refusal: what was typed and why it was refused stay (revert() would drop both). */
    property bool retrying: false

    modal: true
    width: 460
    title: qsTr("Database connection", "@title:window")
    standardButtons: Dialog.Save | Dialog.Cancel
    onAboutToShow: {
        if (!root.retrying)
            root.settings.revert();
        root.retrying = false;
    }
    onRejected: root.settings.revert()
    onAccepted: {
        // Keep what was typed and show why; opened once the closing is over (open() while closing is lost).
        if (!root.settings.apply()) {
            root.retrying = true;
            Qt.callLater(root.open);
        }
    }

    GridLayout {
        width: parent.width
        columns: 2
        columnSpacing: 10
        rowSpacing: 8

        Label {
            text: qsTr("Engine:", "@label:listbox")
        }
        ComboBox {
            id: engine

            Layout.fillWidth: true
            textRole: "label"
            valueRole: "value"
            model: [
                { value: "sqlite", label: qsTr("SQLite file (this desktop only)", "@item:inlistbox") },
                { value: "postgresql", label: qsTr("PostgreSQL server (shared)", "@item:inlistbox") }
            ]
            currentIndex: root.settings.engine === "postgresql" ? 1 : 0
            onActivated: root.settings.engine = currentValue
            Accessible.name: qsTr("Engine", "@label")
        }

        Label {
            visible: engine.currentIndex === 0
            text: qsTr("File:", "@label:textbox")
        }
        TextField {
            Layout.fillWidth: true
            visible: engine.currentIndex === 0
            text: root.settings.path
            onTextEdited: root.settings.path = text
            Accessible.name: qsTr("Database file", "@label")
        }

        Label {
            visible: engine.currentIndex === 1
            text: qsTr("Host:", "@label:textbox")
        }
        TextField {
            Layout.fillWidth: true
            visible: engine.currentIndex === 1
            text: root.settings.host
            onTextEdited: root.settings.host = text
            Accessible.name: qsTr("Host", "@label")
        }
        Label {
            visible: engine.currentIndex === 1
            text: qsTr("Port:", "@label:spinbox")
        }
        SpinBox {
            visible: engine.currentIndex === 1
            from: 1
            to: 65535
            editable: true
            value: root.settings.port
            onValueModified: root.settings.port = value
            textFromValue: (value, locale) => String(value)
            Accessible.name: qsTr("Port", "@label")
        }
        Label {
            visible: engine.currentIndex === 1
            text: qsTr("Database:", "@label:textbox")
        }
        TextField {
            Layout.fillWidth: true
            visible: engine.currentIndex === 1
            text: root.settings.database
            onTextEdited: root.settings.database = text
            Accessible.name: qsTr("Database name", "@label")
        }
        Label {
            visible: engine.currentIndex === 1
            text: qsTr("User:", "@label:textbox")
        }
        TextField {
            Layout.fillWidth: true
            visible: engine.currentIndex === 1
            text: root.settings.user
            onTextEdited: root.settings.user = text
            Accessible.name: qsTr("User", "@label")
        }
        Label {
            visible: engine.currentIndex === 1
            text: qsTr("Password:", "@label:textbox")
        }
        TextField {
            Layout.fillWidth: true
            visible: engine.currentIndex === 1
            echoMode: TextInput.Password
            text: root.settings.password
            onTextEdited: root.settings.password = text
            Accessible.name: qsTr("Password", "@label")
        }

        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            visible: root.settings.errorText.length > 0
            text: root.settings.errorText
            color: "#b00020"
            wrapMode: Text.WordWrap
        }
    }
}
