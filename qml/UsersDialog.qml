// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Users… (administrators): who may sign in with which role; add a user, change a role, disable, set a
// password. Everyone else sees only "Change my password". Refusals (the last administrator, a short
// password) are shown in the dialog.
Dialog {
    id: root

    required property Session session
    readonly property UsersController controller: root.session.users

    modal: true
    width: Math.min(760, parent ? parent.width - 40 : 760)
    height: Math.min(620, parent ? parent.height - 40 : 620)
    title: root.session.isAdmin ? qsTr("Users", "@title:window") : qsTr("My password", "@title:window")
    standardButtons: Dialog.Close
    onOpened: if (root.session.isAdmin) root.controller.reload()

    Connections {
        target: root.controller
        function onDone(): void {
            newName.text = "";
            newFullName.text = "";
            newPassword.text = "";
            newRepeat.text = "";
            ownPassword.text = "";
            ownRepeat.text = "";
            ownCurrent.text = "";
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        ListView {
            id: list

            objectName: "usersList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: root.session.isAdmin
            clip: true
            model: root.controller.users
            ScrollBar.vertical: ScrollBar {}
            delegate: RowLayout {
                id: userRow

                required property var modelData

                width: ListView.view.width
                spacing: 10

                Label {
                    Layout.preferredWidth: 120
                    text: userRow.modelData.name
                    font.bold: true
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    text: userRow.modelData.fullName
                    elide: Text.ElideRight
                }
                ComboBox {
                    Layout.preferredWidth: 150
                    model: [qsTr("clerk", "@item:inlistbox role"), qsTr("manager", "@item:inlistbox role"), qsTr("administrator", "@item:inlistbox role")]
                    currentIndex: ["clerk", "manager", "admin"].indexOf(userRow.modelData.role)
                    enabled: !root.controller.busy
                    onActivated: root.controller.setRole(userRow.modelData.name, ["clerk", "manager", "admin"][currentIndex])
                    Accessible.name: qsTr("Role of %1", "@label:listbox").arg(userRow.modelData.name)
                }
                Label {
                    Layout.preferredWidth: 80
                    // State in words, not colour alone.
                    text: userRow.modelData.active ? qsTr("active", "@info user state") : qsTr("disabled", "@info user state")
                    color: userRow.modelData.active ? palette.windowText : "#b00020"
                }
                Button {
                    text: userRow.modelData.active ? qsTr("Disable", "@action:button") : qsTr("Enable", "@action:button")
                    enabled: !root.controller.busy
                    onClicked: root.controller.setActive(userRow.modelData.name, !userRow.modelData.active)
                }
                Button {
                    text: qsTr("Password…", "@action:button")
                    enabled: !root.controller.busy
                    onClicked: {
                        resetDialog.userName = userRow.modelData.name;
                        resetDialog.open();
                    }
                }
            }
        }
        GroupBox {
            Layout.fillWidth: true
            visible: root.session.isAdmin
            title: qsTr("Add a user", "@title:group")

            GridLayout {
                anchors.fill: parent
                columns: 4
                columnSpacing: 8

                TextField {
                    id: newName

                    objectName: "newUserName"
                    Layout.fillWidth: true
                    placeholderText: qsTr("user name", "@info:placeholder")
                    maximumLength: 64
                    Accessible.name: qsTr("New user's name", "@label:textbox")
                }
                TextField {
                    id: newFullName

                    objectName: "newUserFullName"
                    Layout.fillWidth: true
                    placeholderText: qsTr("full name", "@info:placeholder")
                    maximumLength: 200
                    Accessible.name: qsTr("New user's full name", "@label:textbox")
                }
                ComboBox {
                    id: newRole

                    objectName: "newUserRole"
                    model: [qsTr("clerk", "@item:inlistbox role"), qsTr("manager", "@item:inlistbox role"), qsTr("administrator", "@item:inlistbox role")]
                    Accessible.name: qsTr("New user's role", "@label:listbox")
                }
                Item { Layout.fillWidth: true }
                TextField {
                    id: newPassword

                    objectName: "newUserPassword"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    placeholderText: qsTr("password (8 characters or more)", "@info:placeholder")
                    Accessible.name: qsTr("New user's password", "@label:textbox")
                }
                TextField {
                    id: newRepeat

                    objectName: "newUserRepeat"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    placeholderText: qsTr("repeat password", "@info:placeholder")
                    Accessible.name: qsTr("Repeat the new user's password", "@label:textbox")
                }
                Button {
                    objectName: "addUserButton"
                    text: qsTr("Add user", "@action:button")
                    enabled: !root.controller.busy && newName.text.length > 0
                    onClicked: root.controller.add(newName.text, newFullName.text, ["clerk", "manager", "admin"][newRole.currentIndex],
                                                   newPassword.text, newRepeat.text)
                }
            }
        }
        GroupBox {
            Layout.fillWidth: true
            visible: !root.session.isAdmin && !root.session.unclaimed
            title: qsTr("Change my password", "@title:group")

            GridLayout {
                anchors.fill: parent
                columns: 2

                Label { text: qsTr("Current password", "@label:textbox") }
                TextField { id: ownCurrent; Layout.fillWidth: true; echoMode: TextInput.Password; Accessible.name: qsTr("Current password", "@label:textbox") }
                Label { text: qsTr("New password", "@label:textbox") }
                TextField { id: ownPassword; Layout.fillWidth: true; echoMode: TextInput.Password; Accessible.name: qsTr("New password", "@label:textbox") }
                Label { text: qsTr("Repeat", "@label:textbox") }
                TextField { id: ownRepeat; Layout.fillWidth: true; echoMode: TextInput.Password; Accessible.name: qsTr("Repeat the new password", "@label:textbox") }
                Item { Layout.fillWidth: true }
                Button {
                    text: qsTr("Change password", "@action:button")
                    enabled: !root.controller.busy
                    onClicked: root.controller.setPassword(root.session.userName, ownPassword.text, ownRepeat.text, ownCurrent.text)
                }
            }
        }
        Label {
            objectName: "usersMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.controller.message
            wrapMode: Text.WordWrap
            color: root.controller.failed ? "#b00020" : palette.windowText
            Accessible.role: Accessible.AlertMessage
        }
    }

    Dialog {
        id: resetDialog

        property string userName

        anchors.centerIn: parent
        modal: true
        title: qsTr("Set the password of %1", "@title:window").arg(resetDialog.userName)
        standardButtons: Dialog.Ok | Dialog.Cancel
        onOpened: resetPassword.forceActiveFocus()
        onAccepted: {
            root.controller.setPassword(resetDialog.userName, resetPassword.text, resetRepeat.text);
            resetPassword.text = "";
            resetRepeat.text = "";
        }

        ColumnLayout {
            TextField { id: resetPassword; Layout.preferredWidth: 300; echoMode: TextInput.Password; placeholderText: qsTr("new password", "@info:placeholder"); Accessible.name: qsTr("New password", "@label:textbox") }
            TextField { id: resetRepeat; Layout.preferredWidth: 300; echoMode: TextInput.Password; placeholderText: qsTr("repeat", "@info:placeholder"); Accessible.name: qsTr("Repeat the new password", "@label:textbox") }
        }
    }
}
