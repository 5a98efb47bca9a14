// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick

// A keyboard focus mark for controls whose style shows none (highlighted buttons, tab buttons, lists): a dark
// blue ring around the parent while it has the keyboard's focus. Dark enough on white and on highlights.
Rectangle {
    id: root

    property Item target: parent

    anchors.fill: parent
    anchors.margins: -3
    z: 100
    radius: 4
    color: "transparent"
    border.width: 2
    border.color: "#0b3d91"
    visible: root.target !== null
             && (root.target.visualFocus !== undefined ? root.target.visualFocus : root.target.activeFocus)
}
