// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Stockroom

// A tracking event typed by hand (the carrier's site said "out for delivery"), or a carrier's CSV export.
Dialog {
    id: root

    required property OrderActions actions
    property string tracking

        /** The carrier-file chooser alone (also what --dialog import opens). */
    function openImport(): void {
        importDialog.open();
    }

    modal: true
    width: 480
    title: qsTr("Tracking %1", "@title:window").arg(root.tracking)
    standardButtons: Dialog.Ok | Dialog.Cancel
    onOpened: {
        place.text = "";
        note.text = "";
        status.forceActiveFocus();
    }
    onAccepted: root.actions.addTrackingEvent(root.tracking, status.currentValue, place.text, note.text)

    FileDialog {
        id: importDialog

        title: qsTr("Import a carrier's tracking file", "@title:window")
        nameFilters: [qsTr("CSV files (*.csv)", "@item:inlistbox"), qsTr("All files (*)", "@item:inlistbox")]
        onAccepted: {
            root.actions.importTracking(selectedFile);
            root.close();
        }
    }

    GridLayout {
        anchors.fill: parent
        columns: 2

        Label {
            text: qsTr("Status:", "@label:listbox")
        }
        ComboBox {
            id: status

            Layout.fillWidth: true
            textRole: "label"
            valueRole: "value"
            model: [
                { value: "in_transit", label: qsTr("In transit", "@item:inlistbox") },
                { value: "out_for_delivery", label: qsTr("Out for delivery", "@item:inlistbox") },
                { value: "delivered", label: qsTr("Delivered", "@item:inlistbox") },
                { value: "exception", label: qsTr("Exception (failed attempt, damage…)", "@item:inlistbox") },
                { value: "returned_to_sender", label: qsTr("Returned to sender", "@item:inlistbox") }
            ]
            Accessible.name: qsTr("Tracking status", "@label")
        }
        Label {
            text: qsTr("Place:", "@label:textbox")
        }
        TextField {
            id: place

            Layout.fillWidth: true
            Accessible.name: qsTr("Place", "@label")
        }
        Label {
            text: qsTr("Note:", "@label:textbox")
        }
        TextField {
            id: note

            Layout.fillWidth: true
            Accessible.name: qsTr("Note", "@label")
            onAccepted: root.accept()
        }
        Button {
            Layout.columnSpan: 2
            text: qsTr("Import a carrier's CSV file…", "@action:button")
            onClicked: importDialog.open()
            Accessible.name: text
        }
    }
}
