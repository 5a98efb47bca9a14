// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Stockroom

ItemDelegate {
    id: delegate

    required property int index
    required property string number
    required property string placedAt
    required property string customer
    required property string channel
    required property string status
    required property string statusText
    required property string paymentText
    required property string payment
    required property int units
    required property string total
    required property bool flash
    required property string presence
    required property bool selected
    property var columns: []

    signal toggled()

    highlighted: ListView.isCurrentItem
    height: 34
    Accessible.name: (delegate.selected ? qsTr("Selected: ", "@info accessible") : "") + qsTr("Order %1, %2, %3", "@info accessible").arg(delegate.number).arg(delegate.customer).arg(delegate.statusText)

    background: Rectangle {
        // Another desktop changed this row a moment ago: a short amber glow, then back to normal.
        color: delegate.flash ? "#ffe9a8"
               : delegate.selected ? Qt.rgba(delegate.palette.highlight.r, delegate.palette.highlight.g, delegate.palette.highlight.b, delegate.highlighted ? 0.4 : 0.3)
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

        // The selection for bulk actions: a tick, not only a colour.
        Label {
            width: 18
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.selected ? "☑" : "☐"
            opacity: delegate.selected ? 1 : 0.35
            TapHandler {
                onTapped: delegate.toggled()
            }
        }
        Label {
            width: delegate.columns[0]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.number
            font.family: "DejaVu Sans Mono"
            elide: Text.ElideRight
        }
        Label {
            width: delegate.columns[1]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.placedAt
            elide: Text.ElideRight
        }
        Column {
            width: delegate.columns[2]
            anchors.verticalCenter: parent.verticalCenter

            Label {
                width: parent.width
                text: delegate.customer
                elide: Text.ElideRight
            }
            Label {
                width: parent.width
                visible: delegate.presence.length > 0
                text: "● " + delegate.presence
                color: "#b45f06"
                font.pixelSize: Math.round(10 * InterfaceSettings.fontScale)
                elide: Text.ElideRight
            }
        }
        Label {
            width: delegate.columns[3]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.channel
            elide: Text.ElideRight
        }
        Item {
            width: delegate.columns[4]
            height: parent.height
            StatusBadge {
                anchors.verticalCenter: parent.verticalCenter
                status: delegate.status
                text: delegate.statusText
            }
        }
        Label {
            width: delegate.columns[5]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.paymentText
            elide: Text.ElideRight
        }
        Label {
            width: delegate.columns[6]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.units
            horizontalAlignment: Text.AlignRight
        }
        Label {
            width: delegate.columns[7]
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.total
            horizontalAlignment: Text.AlignRight
        }
    }
}
