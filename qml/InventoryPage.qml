// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

Page {
    id: root

    required property InventoryModel model
    property string initialSearch
    readonly property var columns: [110, 260, 150, 90, 90, 90, 220]

    padding: 12

    Component.onCompleted: {
        if (root.initialSearch.length > 0)
            root.model.search = root.initialSearch;
    }

    Shortcut {
        sequence: StandardKey.Find
        onActivated: search.forceActiveFocus()
    }

    header: ToolBar {
        background: null
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 10

            TextField {
                id: search

                Layout.preferredWidth: 320
                placeholderText: qsTr("Search SKU, product or location (Ctrl+F)", "@info:placeholder")
                selectByMouse: true
                Accessible.name: qsTr("Search stock", "@label")
                text: root.initialSearch
                onTextEdited: searchDelay.restart()
                onAccepted: root.model.search = text

                Timer {
                    id: searchDelay
                    interval: 200
                    onTriggered: root.model.search = search.text
                }
            }
            Item {
                Layout.fillWidth: true
            }
            Label {
                text: root.model.errorText.length > 0 ? root.model.errorText
                      : qsTr("%1 on hand · %2 available · %n stock line(s)", "@info", list.count)
                            .arg(root.model.totalOnHand.toLocaleString(Qt.locale(), "f", 0))
                            .arg(root.model.totalAvailable.toLocaleString(Qt.locale(), "f", 0))
                color: root.model.errorText.length > 0 ? "#b00020" : root.palette.windowText
                opacity: 0.8
            }
        }
    }

    Frame {
        anchors.fill: parent
        padding: 0

        ColumnLayout {
            anchors.fill: parent
            spacing: 0

            Rectangle {
                Layout.fillWidth: true
                implicitHeight: 32
                clip: true
                color: Qt.darker(root.palette.base, 1.05)

                Row {
                    anchors.verticalCenter: parent.verticalCenter
                    x: 10
                    spacing: 8

                    Repeater {
                        model: [qsTr("SKU", "@title:column"), qsTr("Product", "@title:column"),
                            qsTr("Location", "@title:column"), qsTr("On hand", "@title:column"),
                            qsTr("Reserved", "@title:column"), qsTr("Available", "@title:column"),
                            qsTr("Level", "@title:column")]
                        delegate: Label {
                            required property string modelData
                            required property int index

                            width: root.columns[index]
                            text: modelData
                            font.bold: true
                            horizontalAlignment: index >= 3 && index <= 5 ? Text.AlignRight : Text.AlignLeft
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            ListView {
                id: list

                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                focus: true
                model: root.model
                keyNavigationEnabled: true
                highlightMoveDuration: 0
                ScrollBar.vertical: ScrollBar {}
                Accessible.name: qsTr("Stock levels", "@label")

                delegate: InventoryDelegate {
                    width: ListView.view.width
                    columns: root.columns
                    onClicked: {
                        list.currentIndex = index;
                        list.forceActiveFocus();
                    }
                }
            }
        }
    }
}
