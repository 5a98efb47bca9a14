// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// This desktop's settings: the language (with its number, money and date formats) and the text size.
// Both apply at once to every open window and are kept for the next start.
Dialog {
    id: root

    /** Called after the language changed: figures formatted by the models are written again. */
    signal languageApplied()

    modal: true
    width: Math.round(480 * Math.max(1, InterfaceSettings.textScale))
    title: qsTr("Settings", "@title:window")
    standardButtons: Dialog.Close
    onOpened: languageBox.forceActiveFocus()

    GridLayout {
        width: parent.width
        columns: 2
        columnSpacing: 10
        rowSpacing: 10

        Label {
            text: qsTr("Language:", "@label:listbox")
        }
        ComboBox {
            id: languageBox

            objectName: "languageBox"
            Layout.fillWidth: true
            textRole: "name"
            valueRole: "code"
            model: InterfaceSettings.languages
            currentIndex: Math.max(0, indexOfValue(InterfaceSettings.language))
            onActivated: {
                if (InterfaceSettings.setLanguage(currentValue))
                    root.languageApplied();
            }
            Accessible.name: qsTr("Language of the interface", "@label")
        }

        Label {
            text: qsTr("Text size:", "@label:listbox")
        }
        ComboBox {
            id: sizeBox

            objectName: "textSizeBox"
            Layout.fillWidth: true
            textRole: "label"
            valueRole: "value"
            model: [
                { value: 1.0, label: qsTr("Normal (100 %)", "@item:inlistbox text size") },
                { value: 1.25, label: qsTr("Large (125 %)", "@item:inlistbox text size") },
                { value: 1.5, label: qsTr("Larger (150 %)", "@item:inlistbox text size") },
                { value: 2.0, label: qsTr("Largest (200 %)", "@item:inlistbox text size") }
            ]
            currentIndex: Math.max(0, indexOfValue(InterfaceSettings.textScale))
            onActivated: InterfaceSettings.textScale = currentValue
            Accessible.name: qsTr("Text size", "@label")
        }

        Label {
            Layout.alignment: Qt.AlignTop
            text: qsTr("Formats:", "@label")
        }
        Label {
            objectName: "formatSample"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            // Re-read when the language changes (Qt.locale() is the new default then).
            text: InterfaceSettings.effectiveLanguage.length >= 0
                  ? qsTr("%1 · %2 · %3", "@info number · money · date").arg(Number(1234567.89).toLocaleString(Qt.locale(), "f", 2))
                        .arg(Number(1234.5).toLocaleCurrencyString(Qt.locale(), "£"))
                        .arg(new Date(2026, 10, 27).toLocaleDateString(Qt.locale(), Locale.ShortFormat))
                  : ""
            opacity: 0.8
        }

        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("The language also sets how numbers, money and dates are written. Both settings apply at once and are kept on this desktop; start with --lang to use another language once.", "@info")
            opacity: 0.7
        }
    }
}
