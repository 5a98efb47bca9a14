// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// An action of a document's detail pane; its keyboard shortcut shows in the tooltip.
Button {
    id: root

    property string shortcut

    Layout.fillWidth: true
    ToolTip.visible: hovered && root.shortcut.length > 0
    ToolTip.text: root.shortcut
    Accessible.name: root.text
    Accessible.description: root.shortcut

    FocusRing {}
}
