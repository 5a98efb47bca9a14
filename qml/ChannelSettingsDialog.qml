// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// A channel's feed settings: the buffer it holds back (units and percent), the locations it sells from and
// the file format. The service checks them; its refusal shows here, and the dialog stays open to fix it.
// Opened for a new channel (no entry), it asks for the name too.
Dialog {
    id: root

    required property ChannelController controller
    /** Our locations as Session has them: [{id, code}]. */
    property var locations: []
    property bool writable: true
    property bool creating: false
    property string channel
    property string channelLabel
    /** The location codes checked, in the order the clerk checked them. */
    property var checkedCodes: []
    /** A buffer typed that is no number: the save stops and says so. */
    property string typingProblem

    function openFor(entry: var): void {
        root.creating = entry.name === undefined;
        root.channel = entry.name || "";
        root.channelLabel = entry.label || "";
        nameField.text = root.channel;
        units.value = entry.bufferUnits || 0;
        percent.value = entry.bufferPercent || 0;
        const formats = root.controller.formats.map(f => f.value);
        format.currentIndex = Math.max(0, formats.indexOf(entry.format || "csv"));
        root.checkedCodes = (entry.locations || []).slice();
        root.controller.clearSettingsMessage();
        root.typingProblem = "";
        root.open();
    }
    function toggle(code: string, on: bool): void {
        const codes = root.checkedCodes.filter(c => c !== code);
        if (on)
            codes.push(code);
        root.checkedCodes = codes;
    }
    function save(): void {
        if (!root.writable || root.controller.busy)
            return;
        // What was typed but not yet taken by the spin boxes counts too; what reads as no number ("1,5") is
        // said here instead of stopping the save half-way.
        root.typingProblem = "";
        for (const box of [units, percent]) {
            const typed = (box.contentItem as TextInput).text;
            try {
                box.value = box.valueFromText(typed, Qt.locale());
            } catch (error) {
                root.typingProblem = qsTr("“%1” is not a whole number.", "@info").arg(typed);
                return;
            }
        }
        root.controller.saveSettings(root.creating ? nameField.text : root.channel, units.value, percent.value,
                                     root.checkedCodes, format.currentValue);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(560, parent ? parent.width - 40 : 560)
    title: root.creating ? qsTr("New channel", "@title:window")
                         : qsTr("Feed settings of %1", "@title:window").arg(root.channelLabel)
    onOpened: {
        if (root.creating)
            nameField.forceActiveFocus();
        else
            units.forceActiveFocus();
    }

    Connections {
        target: root.controller
        function onSettingsSaved(ok: bool): void {
            if (ok && root.opened)
                root.close();
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Save", "@action:button")
            enabled: root.writable && !root.controller.busy
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.save()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Save the settings (Ctrl+Enter)", "@info:tooltip")
        }
        Button {
            text: qsTr("Cancel", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.save()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 12
            rowSpacing: 8

            Label {
                visible: root.creating
                text: qsTr("Channel:", "@label:textbox")
            }
            TextField {
                id: nameField

                Layout.fillWidth: true
                visible: root.creating
                placeholderText: qsTr("e.g. web, shopify, amazon", "@info:placeholder")
                Accessible.name: qsTr("Channel name", "@label")
                onAccepted: root.save()
            }
            Label {
                text: qsTr("Hold back:", "@label:spinbox")
            }
            RowLayout {
                spacing: 6

                SpinBox {
                    id: units

                    from: 0
                    to: 1000000
                    editable: true
                    Accessible.name: qsTr("Buffer in units", "@label")
                }
                Label {
                    text: qsTr("units and", "@label:spinbox buffer: N units and P %")
                }
                SpinBox {
                    id: percent

                    from: 0
                    to: 100
                    editable: true
                    Accessible.name: qsTr("Buffer in percent", "@label")
                }
                Label {
                    text: qsTr("%", "@label:spinbox percent")
                }
            }
            Label {
                Layout.columnSpan: 2
                Layout.fillWidth: true
                text: qsTr("Of every number the feed sends: a buffer keeps the channel from selling the last units twice.", "@info")
                wrapMode: Text.WordWrap
                font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                opacity: 0.7
            }
            Label {
                text: qsTr("Format:", "@label:listbox")
            }
            ComboBox {
                id: format

                Layout.fillWidth: true
                model: root.controller.formats
                textRole: "label"
                valueRole: "value"
                Accessible.name: qsTr("Feed file format", "@label")
            }
            Label {
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: 8
                text: qsTr("Locations:", "@label")
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0

                Flow {
                    Layout.fillWidth: true
                    spacing: 4

                    Repeater {
                        model: root.locations
                        delegate: CheckBox {
                            id: locationBox

                            required property var modelData

                            text: locationBox.modelData.code
                            checked: root.checkedCodes.indexOf(locationBox.modelData.code) >= 0
                            onToggled: root.toggle(locationBox.modelData.code, locationBox.checked)
                            Accessible.name: qsTr("Sell from %1", "@option:check location").arg(locationBox.modelData.code)
                        }
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: root.checkedCodes.length === 0
                          ? qsTr("None checked: every active location.", "@info")
                          : qsTr("Only the checked locations' stock is offered.", "@info")
                    wrapMode: Text.WordWrap
                    font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                    opacity: 0.7
                }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: root.typingProblem.length > 0 || root.controller.settingsMessage.length > 0
            text: "⚠ " + (root.typingProblem || root.controller.settingsMessage)
            wrapMode: Text.WordWrap
            color: "#b00020"
            font.bold: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: root.typingProblem || root.controller.settingsMessage
        }
        Label {
            Layout.fillWidth: true
            visible: !root.writable
            text: qsTr("The database cannot be reached: settings cannot be saved now.", "@info")
            wrapMode: Text.WordWrap
            color: "#b45f06"
        }
    }
}
