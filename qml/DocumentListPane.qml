// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// The list of a document view (purchase orders, transfers, counts) with its column headings. The selection
// follows the list's open document: a live update that moves, adds or removes rows keeps it; a new filter
// selects the first row when the open document is not in it.
Frame {
    id: root

    required property DocumentList list
    /** Headings of number, from, to, status, date, progress, attention ("" for a hidden "to"). */
    property var titles: []
    /** Widths of the same columns (the fill column's is ignored; 0 hides "to"). */
    property var widths: [95, 0, 80, 120, 90, 80, 85]
    /** Not empty: from and to share the from column ("LEEDS → BRISTOL"). */
    property string separator
    /** The column that takes the width left over (from, or to for the counts' scope). */
    property int fillColumn: 1
    property string emptyText
    property alias view: view
    /** Columns given up, in this order, when the list is narrow: the date, then "to", then what needs attention,
        then the progress (the pane shows all four). */
    property var dropOrder: [4, 2, 6, 5]
    /** The widest status badge shown so far: the status column grows to it (a long word in German). */
    property real widestBadge: 0
    readonly property var columns: {
        // A column is never narrower than its heading, so no heading is cut in a longer language.
        const widths = root.widths.map((w, i) => i === root.fillColumn || w === 0 ? 0
                                       : Math.max(w, Math.ceil(headerMetrics.advanceWidth(root.titles[i] || "")) + 2));
        if (widths[3] > 0)
            widths[3] = Math.max(widths[3], Math.ceil(root.widestBadge) + 4);
        const fixed = () => widths.reduce((sum, w) => sum + w, 0)
                            + (widths.filter((w, i) => w > 0 || i === root.fillColumn).length - 1) * 8 + 22;
        const fillHeading = Math.ceil(headerMetrics.advanceWidth(root.titles[root.fillColumn] || "")) + 2;
        for (let k = 0; k < root.dropOrder.length && view.width - fixed() < Math.max(100, fillHeading); ++k)
            widths[root.dropOrder[k]] = 0;
        widths[root.fillColumn] = Math.max(60, view.width - fixed());
        return widths;
    }
    property bool following: true
    property bool wasReset: false

    function sync(): void {
        const row = root.list.indexOf(root.list.currentNumber);
        if (row >= 0)
            view.currentIndex = row;
        else if (root.wasReset || root.list.currentNumber.length === 0)
            view.currentIndex = view.count > 0 ? 0 : -1;
        else
            view.currentIndex = -1; // the open document left this filter: it stays open, unselected
        root.wasReset = false;
        if (view.currentIndex >= 0) {
            // Chosen here rather than by the clerk: the open document follows all the same.
            const number = root.list.get(view.currentIndex).number;
            if (number !== root.list.currentNumber)
                root.list.currentNumber = number;
            view.positionViewAtIndex(view.currentIndex, ListView.Contain);
        }
    }

    padding: 0

    Connections {
        target: root.list
        function onAboutToChangeRows(): void {
            root.following = false;
        }
        function onModelReset(): void {
            root.wasReset = true;
        }
        function onRowsChanged(): void {
            root.sync();
            root.following = true;
        }
        function onCurrentNumberChanged(): void {
            const row = root.list.indexOf(root.list.currentNumber);
            if (row !== view.currentIndex) {
                root.following = false;
                view.currentIndex = row;
                root.following = true;
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Measures headings in the font they are drawn in (the window's, bold).
        Label {
            id: headingFont

            visible: false
            font.bold: true
        }
        FontMetrics {
            id: headerMetrics

            font: headingFont.font
        }

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
                    model: root.titles
                    delegate: Label {
                        required property string modelData
                        required property int index

                        width: root.columns[index]
                        visible: width > 0
                        text: modelData
                        font.bold: true
                        horizontalAlignment: index >= 5 ? Text.AlignRight : Text.AlignLeft
                        elide: Text.ElideRight
                    }
                }
            }
        }

        ListView {
            id: view

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: root.list
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            Accessible.name: root.emptyText
            onCurrentIndexChanged: {
                if (root.following && currentIndex >= 0) {
                    root.list.clearMessage();
                    root.list.currentNumber = root.list.get(currentIndex).number;
                }
            }

            delegate: DocumentDelegate {
                width: ListView.view.width
                columns: root.columns
                separator: root.separator
                onBadgeWidthChanged: root.widestBadge = Math.max(root.widestBadge, badgeWidth)
                Component.onCompleted: root.widestBadge = Math.max(root.widestBadge, badgeWidth)
                onClicked: {
                    view.currentIndex = index;
                    view.forceActiveFocus();
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 40
                visible: view.count === 0 && !root.list.loading
                text: root.list.errorText.length > 0 ? root.list.errorText : root.emptyText
                color: root.list.errorText.length > 0 ? "#b00020" : root.palette.windowText
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                opacity: 0.7
            }
        }
    }
}
