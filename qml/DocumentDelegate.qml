// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

// One purchase order, transfer or stock count in its list: number, who/where, status, date, progress and what
// needs attention (over/short, missing, variances) in amber.
ItemDelegate {
    id: delegate

    required property int index
    required property string number
    required property string from
    required property string to
    required property string status
    required property string statusText
    required property string badge
    required property string date
    required property bool overdue
    required property int units
    required property int done
    required property string attentionText
    required property bool flash
    /** Widths of number, from, to, status, date, progress, attention (0 hides a column). */
    property var columns: []
    /** Not empty: "from SEPARATOR to" in the from column (" → " for transfers), the to column unused. */
    property string separator
    /** The status badge's natural width: the list widens its status column to the widest one. */
    readonly property real badgeWidth: badge.implicitWidth
    readonly property string place: delegate.separator.length > 0 ? delegate.from + delegate.separator + delegate.to : delegate.from

    highlighted: ListView.isCurrentItem
    height: 34
    Accessible.name: qsTr("%1, %2, %3", "@info accessible: number, where, status").arg(delegate.number)
                     .arg(delegate.place).arg(delegate.statusText)

    background: Rectangle {
        // Changed a moment ago (here or on another desktop): a short amber glow, then back to normal.
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
            text: delegate.number
            font.family: "DejaVu Sans Mono"
            elide: Text.ElideRight
        }
        Label {
            width: delegate.columns[1]
            visible: width > 0
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.place
            elide: Text.ElideRight
        }
        Label {
            width: delegate.columns[2]
            visible: width > 0
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.to
            elide: Text.ElideRight
        }
        Item {
            width: delegate.columns[3]
            visible: width > 0
            height: parent.height
            StatusBadge {
                id: badge

                anchors.verticalCenter: parent.verticalCenter
                status: delegate.badge
                text: delegate.statusText
            }
        }
        Label {
            width: delegate.columns[4]
            visible: width > 0
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.date
            elide: Text.ElideRight
            // Expected and not here yet: words in the tooltip, colour as a hint.
            color: delegate.overdue ? "#b45f06" : delegate.palette.windowText
            font.bold: delegate.overdue
            ToolTip.visible: delegate.overdue && delegate.hovered
            ToolTip.text: qsTr("Overdue", "@info:tooltip expected date passed")
        }
        Label {
            width: delegate.columns[5]
            visible: width > 0
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.done + " / " + delegate.units
            horizontalAlignment: Text.AlignRight
        }
        Label {
            width: delegate.columns[6]
            visible: width > 0
            anchors.verticalCenter: parent.verticalCenter
            text: delegate.attentionText
            color: "#b45f06"
            font.bold: true
            horizontalAlignment: Text.AlignRight
            elide: Text.ElideRight
        }
    }
}
