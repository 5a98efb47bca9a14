// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

ItemDelegate {
    id: delegate

    required property int index
    required property string sku
    required property string productName
    required property string locationName
    required property int onHand
    required property int reserved
    required property int available
    required property string level
    required property bool flash
    property var columns: []

    readonly property string levelText: delegate.level === "out" ? qsTr("Out of stock", "@label stock level")
                                        : delegate.level === "low" ? qsTr("Low", "@label stock level")
                                        : qsTr("In stock", "@label stock level")

    highlighted: ListView.isCurrentItem
    height: 34
    Accessible.name: qsTr("%1 at %2: %3 available", "@info accessible").arg(delegate.sku).arg(delegate.locationName).arg(delegate.available)

    background: Rectangle {
        // Another desktop changed this row a moment ago: a short amber glow, then back to normal.
        color: delegate.flash ? "#ffe9a8"
               : delegate.highlighted ? Qt.rgba(delegate.palette.highlight.r, delegate.palette.highlight.g, delegate.palette.highlight.b, 0.22)
               : (delegate.index % 2 ? Qt.darker(delegate.palette.base, 1.02) : delegate.palette.base)

        Behavior on color {
            ColorAnimation {
                duration: 600
            }
        }
    }

    contentItem: Row {
        spacing: 8
        leftPadding: -2

        Label {
            width: delegate.columns[0]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.sku
            font.family: "DejaVu Sans Mono"
            elide: Text.ElideRight
        }
        Label {
            width: delegate.columns[1]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.productName
            elide: Text.ElideRight
        }
        Label {
            width: delegate.columns[2]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.locationName
            elide: Text.ElideRight
        }
        Label {
            width: delegate.columns[3]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.onHand
            horizontalAlignment: Text.AlignRight
        }
        Label {
            width: delegate.columns[4]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.reserved
            horizontalAlignment: Text.AlignRight
        }
        Label {
            width: delegate.columns[5]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.available
            font.bold: true
            horizontalAlignment: Text.AlignRight
        }
        Item {
            width: delegate.columns[6]
            height: parent.height

            Row {
                anchors.verticalCenter: parent.verticalCenter
                leftPadding: 16
                spacing: 8

                // Share of on-hand stock still free to sell.
                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: 80
                    height: 8
                    radius: 4
                    color: Qt.darker(delegate.palette.base, 1.12)

                    Rectangle {
                        width: delegate.onHand > 0 ? parent.width * Math.max(0, delegate.available) / delegate.onHand : 0
                        height: parent.height
                        radius: 4
                        color: delegate.level === "out" ? "#c62828" : delegate.level === "low" ? "#ef6c00" : "#2e7d32"
                    }
                }
                StatusBadge {
                    anchors.verticalCenter: parent.verticalCenter
                    status: delegate.level
                    text: delegate.levelText
                }
            }
        }
    }
}
