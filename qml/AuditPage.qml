// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// The Audit view (managers and administrators): who did what and when, newest first. Filters by user,
// kind, dates and text; edits show each changed field before → after. "Every change" adds the change
// log (each write of every service) to the edits, approvals, users and sign-ins.
Pane {
    id: root
    Accessible.name: qsTr("Audit", "@title:tab")

    required property AuditController controller

    padding: 12
    onVisibleChanged: if (visible && root.controller.entries.length === 0) root.controller.reload()

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            ComboBox {
                id: userBox

                objectName: "auditUser"
                Layout.preferredWidth: 170
                model: [qsTr("Everyone", "@item:inlistbox")].concat(root.controller.userNames)
                onActivated: root.controller.user = currentIndex === 0 ? "" : currentText
                Accessible.name: qsTr("User", "@label:listbox")
            }
            ComboBox {
                objectName: "auditEntity"
                Layout.preferredWidth: 160
                model: root.controller.entities.map(e => e.length === 0 ? qsTr("Every kind", "@item:inlistbox") : e)
                onActivated: root.controller.entity = root.controller.entities[currentIndex]
                Accessible.name: qsTr("Kind", "@label:listbox")
            }
            TextField {
                objectName: "auditFrom"
                Layout.preferredWidth: 120
                placeholderText: qsTr("from YYYY-MM-DD", "@info:placeholder")
                validator: RegularExpressionValidator { regularExpression: /^$|^\d{4}-\d{2}-\d{2}$/ }
                onEditingFinished: root.controller.fromDate = text
                Accessible.name: qsTr("From date", "@label:textbox")
            }
            TextField {
                objectName: "auditTo"
                Layout.preferredWidth: 120
                placeholderText: qsTr("to YYYY-MM-DD", "@info:placeholder")
                validator: RegularExpressionValidator { regularExpression: /^$|^\d{4}-\d{2}-\d{2}$/ }
                onEditingFinished: root.controller.toDate = text
                Accessible.name: qsTr("To date", "@label:textbox")
            }
            TextField {
                objectName: "auditText"
                Layout.fillWidth: true
                placeholderText: qsTr("SKU, document, user, text…", "@info:placeholder")
                onTextEdited: searchDelay.restart()
                Accessible.name: qsTr("Search the audit trail", "@label:textbox")

                Timer {
                    id: searchDelay

                    interval: 300
                    onTriggered: root.controller.text = parent.text
                }
            }
            CheckBox {
                objectName: "auditChanges"
                text: qsTr("Every change", "@option:check")
                checked: root.controller.withChanges
                onToggled: root.controller.withChanges = checked
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Also list every write of the change log (orders, stock), not only edits, approvals, users and sign-ins", "@info:tooltip")
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.controller.message.length > 0
            text: root.controller.message
            color: "#b00020"
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Label { Layout.preferredWidth: 130; text: qsTr("When", "@title:column"); font.bold: true }
            Label { Layout.preferredWidth: 110; text: qsTr("Who", "@title:column"); font.bold: true }
            Label { Layout.preferredWidth: 140; text: qsTr("What", "@title:column"); font.bold: true }
            Label { Layout.preferredWidth: 160; text: qsTr("Of", "@title:column entity and key"); font.bold: true }
            Label { Layout.fillWidth: true; text: qsTr("Details", "@title:column"); font.bold: true }
        }
        ListView {
            id: list

            objectName: "auditList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.controller.entries
            ScrollBar.vertical: ScrollBar {}
            onAtYEndChanged: if (atYEnd) root.controller.loadMore()

            delegate: Rectangle {
                id: row

                required property var modelData
                required property int index

                width: ListView.view.width
                height: content.implicitHeight + 8
                color: index % 2 ? Qt.darker(palette.base, 1.03) : palette.base

                RowLayout {
                    id: content

                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    spacing: 12

                    Label { Layout.preferredWidth: 130; text: row.modelData.when; elide: Text.ElideRight }
                    Label {
                        Layout.preferredWidth: 110
                        text: row.modelData.user.length > 0 ? row.modelData.user : "—"
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.preferredWidth: 140
                        text: row.modelData.action
                        font.bold: row.modelData.source === "audit"
                        color: row.modelData.action.indexOf("failed") >= 0 ? "#b00020" : palette.windowText
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.preferredWidth: 160
                        text: row.modelData.entity + " " + row.modelData.key
                        elide: Text.ElideRight
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2

                        Label {
                            Layout.fillWidth: true
                            visible: text.length > 0
                            text: row.modelData.summary
                            wrapMode: Text.Wrap
                            maximumLineCount: 3
                            elide: Text.ElideRight
                        }
                        Repeater {
                            model: row.modelData.changes
                            delegate: Label {
                                required property var modelData

                                Layout.fillWidth: true
                                text: qsTr("%1: %2 → %3", "@info field: before → after")
                                        .arg(modelData.field)
                                        .arg(modelData.before.length > 0 ? modelData.before : "∅")
                                        .arg(modelData.after.length > 0 ? modelData.after : "∅")
                                font.family: "monospace"
                                elide: Text.ElideRight
                                opacity: 0.85
                            }
                        }
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0 && !root.controller.loading
                text: qsTr("Nothing recorded for this filter.", "@info")
                opacity: 0.6
            }
        }
    }
}
