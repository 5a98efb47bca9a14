// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Before the main window: sign in, or, on the first start of a database without users, create its
// administrator. The work runs off the GUI thread; the form stays responsive and shows every refusal.
ApplicationWindow {
    id: root

    required property SignInController controller
    readonly property bool setup: root.controller.state === "setup"

    visible: true
    width: 520
    height: 460
    minimumWidth: 420
    minimumHeight: 380
    font: InterfaceSettings.font
    title: root.setup ? qsTr("Stockroom — first start", "@title:window") : qsTr("Stockroom — sign in", "@title:window")

    function submit(): void {
        if (root.controller.busy)
            return;
        if (root.setup)
            root.controller.createAdministrator(nameField.text, fullNameField.text, passwordField.text, repeatField.text);
        else
            root.controller.signIn(nameField.text, passwordField.text, rememberBox.checked);
    }

    Connections {
        target: root.controller
        function onStateChanged(): void {
            if (nameField.text.length === 0)
                nameField.forceActiveFocus();
            else
                passwordField.forceActiveFocus();
        }
        function onErrorTextChanged(): void {
            if (root.controller.errorText.length > 0) {
                passwordField.selectAll();
                passwordField.forceActiveFocus();
            }
        }
    }

    Pane {
        anchors.fill: parent
        padding: 24

        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width, 380)
            spacing: 10

            Label {
                Layout.fillWidth: true
                text: root.setup ? qsTr("Welcome to Stockroom", "@title") : qsTr("Sign in", "@title")
                font.pixelSize: Math.round(22 * InterfaceSettings.fontScale)
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                opacity: 0.8
                text: root.setup
                      ? qsTr("This database has no users yet. Create its administrator: they can add clerks and managers later (Users… in the toolbar).", "@info")
                      : qsTr("Database: %1", "@info").arg(root.controller.databaseName)
            }
            BusyIndicator {
                Layout.alignment: Qt.AlignHCenter
                visible: root.controller.state === "checking"
                running: visible
            }
            GridLayout {
                Layout.fillWidth: true
                visible: root.controller.state === "signin" || root.setup
                columns: 2
                columnSpacing: 10
                rowSpacing: 8

                Label {
                    text: qsTr("User name", "@label:textbox")
                }
                TextField {
                    id: nameField

                    objectName: "signInName"
                    Layout.fillWidth: true
                    text: root.controller.lastUserName
                    maximumLength: 64
                    enabled: !root.controller.busy
                    Accessible.name: qsTr("User name", "@label:textbox")
                    Component.onCompleted: if (text.length === 0) forceActiveFocus()
                    Keys.onReturnPressed: passwordField.forceActiveFocus()
                }
                Label {
                    visible: root.setup
                    text: qsTr("Full name", "@label:textbox")
                }
                TextField {
                    id: fullNameField

                    objectName: "signInFullName"
                    Layout.fillWidth: true
                    visible: root.setup
                    maximumLength: 200
                    enabled: !root.controller.busy
                    Accessible.name: qsTr("Full name", "@label:textbox")
                }
                Label {
                    text: qsTr("Password", "@label:textbox")
                }
                TextField {
                    id: passwordField

                    objectName: "signInPassword"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    enabled: !root.controller.busy
                    placeholderText: root.setup ? qsTr("at least 8 characters", "@info:placeholder") : ""
                    Accessible.name: qsTr("Password", "@label:textbox")
                    Component.onCompleted: if (nameField.text.length > 0) forceActiveFocus()
                    Keys.onReturnPressed: root.setup ? repeatField.forceActiveFocus() : root.submit()
                    Keys.onEnterPressed: root.setup ? repeatField.forceActiveFocus() : root.submit()
                }
                Label {
                    visible: root.setup
                    text: qsTr("Repeat password", "@label:textbox")
                }
                TextField {
                    id: repeatField

                    objectName: "signInRepeat"
                    Layout.fillWidth: true
                    visible: root.setup
                    echoMode: TextInput.Password
                    enabled: !root.controller.busy
                    Accessible.name: qsTr("Repeat password", "@label:textbox")
                    Keys.onReturnPressed: root.submit()
                    Keys.onEnterPressed: root.submit()
                }
            }
            CheckBox {
                id: rememberBox

                objectName: "signInRemember"
                visible: root.controller.state === "signin"
                text: qsTr("Stay signed in on this desktop (30 days)", "@option:check")
            }
            Label {
                objectName: "signInError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.controller.errorText
                wrapMode: Text.WordWrap
                color: "#b00020"
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            RowLayout {
                Layout.fillWidth: true
                visible: root.controller.state !== "checking"

                BusyIndicator {
                    Layout.preferredHeight: 28
                    Layout.preferredWidth: 28
                    running: root.controller.busy
                    visible: running
                }
                Item {
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "signInButton"
                    text: root.setup ? qsTr("Create and sign in", "@action:button") : qsTr("Sign in", "@action:button")
                    highlighted: true
                    enabled: !root.controller.busy
                    onClicked: root.submit()
                }
            }
        }
    }
}
