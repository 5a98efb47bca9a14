// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Stockroom

// One movement of a product's ledger: when, where, what changed and why, the document behind it (a link that
// opens it), who, and what the location had on hand right after. With heading set it draws the column titles.
ItemDelegate {
    id: delegate

    required property int index
    required property int movementId
    required property string time
    required property string location
    required property int deltaOnHand
    required property int deltaReserved
    required property string reason
    required property string reference
    required property string openKind
    required property string openNumber
    required property string user
    required property string note
    required property int balance // on hand at that location right after the movement
    required property bool flash
    property bool heading: false
    // Narrow panes leave out who, then the change of reserved (the tooltip and the accessible text keep them).
    readonly property bool showUser: delegate.width >= 640
    readonly property bool showReserved: delegate.width >= 500
    readonly property int fixedWidth: 86 + 54 + 86 + 50 + 54 + (delegate.showReserved ? 48 : 0) + (delegate.showUser ? 78 : 0) + 8 * 5 + 12

    signal openRequested(string kind, string number)

    component Cell: Label {
        anchors.verticalCenter: parent.verticalCenter
        font.pixelSize: Math.round((delegate.heading ? 11 : 12) * InterfaceSettings.fontScale)
        font.bold: delegate.heading
        opacity: delegate.heading ? 0.75 : 1
        elide: Text.ElideRight
    }

    function signed(value: int): string {
        return value > 0 ? "+" + value.toLocaleString(Qt.locale(), "f", 0)
                         : value < 0 ? "−" + (-value).toLocaleString(Qt.locale(), "f", 0) : "";
    }

    height: delegate.heading ? 24 : 28
    hoverEnabled: !delegate.heading
    padding: 0
    leftPadding: 6
    rightPadding: 6
    Accessible.name: delegate.heading ? "" : qsTr("%1, %2: %3, on hand %4 → %5, %6", "@info accessible ledger row")
                                               .arg(delegate.time).arg(delegate.location).arg(delegate.reason)
                                               .arg(delegate.signed(delegate.deltaOnHand)).arg(delegate.balance)
                                               .arg(delegate.reference)
    ToolTip.visible: !delegate.heading && hovered && (delegate.note.length > 0 || !delegate.showUser)
    ToolTip.delay: 600
    ToolTip.text: [delegate.reason, delegate.note, qsTr("by %1", "@info:tooltip who booked it").arg(delegate.user)]
                      .filter(t => t.length > 0).join(" · ")

    background: Rectangle {
        color: delegate.heading ? "transparent"
               : delegate.flash ? "#ffe9a8"
               : delegate.highlighted ? Qt.rgba(delegate.palette.highlight.r, delegate.palette.highlight.g, delegate.palette.highlight.b, 0.25)
               : delegate.hovered ? Qt.rgba(delegate.palette.highlight.r, delegate.palette.highlight.g, delegate.palette.highlight.b, 0.12)
               : (delegate.index % 2 ? Qt.darker(delegate.palette.base, 1.02) : delegate.palette.base)

        Behavior on color {
            ColorAnimation {
                duration: 600
            }
        }
    }

    contentItem: Row {
        spacing: 8

        Cell {
            width: 86
            text: delegate.heading ? qsTr("Time", "@title:column") : delegate.time
        }
        Cell {
            width: 54
            text: delegate.heading ? qsTr("Loc.", "@title:column location") : delegate.location
        }
        Cell {
            width: Math.max(60, delegate.width - delegate.fixedWidth)
            text: delegate.heading ? qsTr("What", "@title:column ledger reason")
                                   : delegate.reason + (delegate.note.length > 0 ? " · " + delegate.note : "")
        }
        Cell {
            id: referenceCell

            readonly property bool link: !delegate.heading && delegate.openKind.length > 0

            width: 86
            text: delegate.heading ? qsTr("Document", "@title:column") : delegate.reference
            font.family: delegate.heading ? delegate.font.family : "DejaVu Sans Mono"
            color: referenceCell.link ? "#1565c0" : delegate.palette.text
            font.underline: referenceCell.link && linkHover.hovered
            Accessible.role: referenceCell.link ? Accessible.Link : Accessible.StaticText
            Accessible.name: referenceCell.link ? qsTr("Open %1", "@action").arg(delegate.openNumber) : text

            HoverHandler {
                id: linkHover
                enabled: referenceCell.link
                cursorShape: Qt.PointingHandCursor
            }
            TapHandler {
                enabled: referenceCell.link
                onTapped: delegate.openRequested(delegate.openKind, delegate.openNumber)
            }
        }
        Cell {
            id: changeCell

            width: 50
            horizontalAlignment: Text.AlignRight
            // Without the reserved column, a reservation shows here in brackets: it changes no units on hand.
            readonly property bool reservedHere: !delegate.heading && !delegate.showReserved && delegate.deltaOnHand === 0
            text: delegate.heading ? qsTr("Change", "@title:column change of on hand")
                  : changeCell.reservedHere ? "(" + delegate.signed(delegate.deltaReserved) + ")" : delegate.signed(delegate.deltaOnHand)
            color: delegate.heading || changeCell.reservedHere ? delegate.palette.text : delegate.deltaOnHand > 0 ? "#2e7d32" : "#b71c1c"
            opacity: delegate.heading ? 0.75 : changeCell.reservedHere ? 0.6 : 1
            font.bold: !delegate.heading && !changeCell.reservedHere
        }
        Cell {
            width: 40
            visible: delegate.showReserved
            horizontalAlignment: Text.AlignRight
            text: delegate.heading ? qsTr("Res.", "@title:column change of reserved") : delegate.signed(delegate.deltaReserved)
            opacity: delegate.heading ? 0.75 : 0.8
        }
        Cell {
            width: 54
            horizontalAlignment: Text.AlignRight
            text: delegate.heading ? qsTr("On hand", "@title:column on hand right after the movement")
                                   : delegate.balance.toLocaleString(Qt.locale(), "f", 0)
        }
        Cell {
            width: 70
            visible: delegate.showUser
            text: delegate.heading ? qsTr("By", "@title:column user") : delegate.user
        }
    }
}
