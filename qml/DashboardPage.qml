// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

Page {
    id: root

    required property DashboardModel dashboard

    padding: 16

    component Tile: Frame {
        id: tile

        property string label
        property string value
        property string hint

        Layout.fillWidth: true
        Layout.preferredHeight: 96

        ColumnLayout {
            anchors.fill: parent
            spacing: 2

            Label {
                text: tile.label
                opacity: 0.7
            }
            Label {
                text: tile.value
                font.pixelSize: 28
                font.bold: true
            }
            Label {
                text: tile.hint
                opacity: 0.6
                font.pixelSize: 11
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 16

        GridLayout {
            Layout.fillWidth: true
            columns: 4
            columnSpacing: 12
            rowSpacing: 12

            Tile {
                label: qsTr("Open orders", "@label")
                value: root.dashboard.openOrders.toLocaleString(Qt.locale(), "f", 0)
                hint: qsTr("%n backordered", "@info", root.dashboard.backorderedOrders)
            }
            Tile {
                label: qsTr("Shipped orders", "@label")
                value: root.dashboard.shippedOrders.toLocaleString(Qt.locale(), "f", 0)
                hint: qsTr("all time", "@info")
            }
            Tile {
                label: qsTr("Units available", "@label")
                value: root.dashboard.unitsAvailable.toLocaleString(Qt.locale(), "f", 0)
                hint: qsTr("of %1 on hand", "@info").arg(root.dashboard.unitsOnHand.toLocaleString(Qt.locale(), "f", 0))
            }
            Tile {
                label: qsTr("Stock value", "@label")
                value: root.dashboard.stockValue
                hint: qsTr("%n stock line(s) sold out", "@info", root.dashboard.levelsOut)
            }
        }

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                anchors.fill: parent

                Label {
                    text: qsTr("Demand, last %n day(s)", "@title", root.dashboard.days)
                    font.bold: true
                    font.pixelSize: 16
                }
                DemandChart {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    points: root.dashboard.dailyDemand
                }
            }
        }
    }
}
