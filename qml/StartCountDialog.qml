// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Start a stock count: a whole location, or a cycle count of a subset (bins by prefix, an ABC class, products
// not counted for some days). Blind by default: counters do not see what the books expect.
Dialog {
    id: root

    required property InventoryDocuments documents
    property var locations: []
    property bool waiting: false
    property string error

    function confirm(): void {
        if (root.waiting)
            return;
        root.error = "";
        root.waiting = true;
        root.documents.startCount(location.currentText, cycle.checked, binPrefix.text, abc.currentValue,
                                  days.value, blind.checked, note.text);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(520, parent ? parent.width - 40 : 520)
    title: qsTr("Start a stock count", "@title:window")
    onOpened: {
        root.error = "";
        root.waiting = false;
        location.forceActiveFocus();
    }

    Connections {
        target: root.documents.counts
        function onFinished(ok: bool, message: string): void {
            if (!root.waiting)
                return;
            root.waiting = false;
            if (ok)
                root.close();
            else
                root.error = message;
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.confirm()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 2
            rowSpacing: 6

            Label {
                text: qsTr("Location:", "@label:listbox")
            }
            ComboBox {
                id: location

                Layout.fillWidth: true
                model: root.locations.map(l => l.code)
                Accessible.name: qsTr("Location to count", "@label")
            }
        }
        RadioButton {
            id: whole

            checked: true
            text: qsTr("The whole location", "@option:radio")
        }
        RadioButton {
            id: cycle

            text: qsTr("A cycle count of some products:", "@option:radio")
        }
        GridLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 28
            columns: 2
            rowSpacing: 6
            enabled: cycle.checked

            Label {
                text: qsTr("Bins starting with:", "@label:textbox")
            }
            TextField {
                id: binPrefix

                Layout.fillWidth: true
                font.family: "DejaVu Sans Mono"
                placeholderText: qsTr("e.g. A-01 (any bin when empty)", "@info:placeholder")
                Accessible.name: qsTr("Bin prefix", "@label")
            }
            Label {
                text: qsTr("ABC class:", "@label:listbox")
            }
            ComboBox {
                id: abc

                Layout.fillWidth: true
                textRole: "label"
                valueRole: "value"
                model: [
                    { value: "", label: qsTr("Any class", "@item:inlistbox") },
                    { value: "A", label: qsTr("A: the products behind 80 % of the value shipped", "@item:inlistbox") },
                    { value: "B", label: qsTr("B: the next 15 %", "@item:inlistbox") },
                    { value: "C", label: qsTr("C: the rest", "@item:inlistbox") }
                ]
                Accessible.name: qsTr("ABC class", "@label")
            }
            Label {
                text: qsTr("Not counted for:", "@label:spinbox")
            }
            RowLayout {
                SpinBox {
                    id: days

                    from: 0
                    to: 3650
                    editable: true
                    Accessible.name: qsTr("Not counted for this many days (0: any)", "@label")
                }
                Label {
                    text: days.value === 0 ? qsTr("days (any)", "@label") : qsTr("days", "@label")
                }
            }
        }
        CheckBox {
            id: blind

            checked: true
            text: qsTr("Blind: counters do not see the expected quantities", "@option:check")
        }
        TextField {
            id: note

            Layout.fillWidth: true
            placeholderText: qsTr("Note (optional)", "@info:placeholder")
            Accessible.name: qsTr("Note", "@label")
        }
        Label {
            Layout.fillWidth: true
            visible: root.error.length > 0
            text: root.error
            color: "#b00020"
            font.bold: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Start counting", "@action:button")
            enabled: !root.waiting && root.locations.length > 0
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.confirm()
            ToolTip.visible: hovered
            ToolTip.text: "Ctrl+Enter"
        }
        Button {
            text: qsTr("Cancel", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
