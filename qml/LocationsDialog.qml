// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Our locations: the list of all of them, active or not, and a form to change the selected one or add a new
// one. Priority, postcode and region are what order routing uses to pick where an order ships from. The
// service decides; a refusal is shown here and the form keeps what was typed.
Dialog {
    id: root

    required property ProductController controller
    property bool writable: true
    /** True: the form adds a new location (the code can be typed); false: it edits the selected one. */
    property bool create: false
    property bool waiting: false
    property string error
    property string notice
    /** The code to select once the list has (re)loaded: the one just saved. */
    property string selectCode
    /** The list is loading after opening: select the first (or the previously edited) location then. */
    property bool selectOnLoad: false
    readonly property var kinds: [
        { key: "warehouse", title: qsTr("Warehouse", "@item:inlistbox location kind") },
        { key: "store", title: qsTr("Store", "@item:inlistbox location kind") },
        { key: "third_party", title: qsTr("Third party (3PL)", "@item:inlistbox location kind") }
    ]
    readonly property var columns: [
        { key: "code", title: qsTr("Code", "@title:column"), width: 90 },
        { key: "name", title: qsTr("Name", "@title:column"), width: -1 },
        { key: "kind", title: qsTr("Kind", "@title:column"), width: 120 },
        { key: "priority", title: qsTr("Priority", "@title:column"), width: 60, align: "right" },
        { key: "postcode", title: qsTr("Postcode", "@title:column"), width: 76 },
        { key: "region", title: qsTr("Region", "@title:column"), width: 70 },
        { key: "active", title: qsTr("Active", "@title:column"), width: 50 }
    ]
    readonly property bool complete: name.text.trim().length > 0 && priority.text.trim().length > 0
                                     && (!root.create || code.text.trim().length > 0)

    function kindTitle(key: string): string {
        const kind = root.kinds.find(k => k.key === key);
        return kind ? kind.title : key;
    }
    /** A column's width in a row of width; the name takes what the others leave. */
    function columnWidth(column: var, width: real): real {
        if (column.width >= 0)
            return column.width;
        let rest = width - 8 * (root.columns.length - 1);
        for (const c of root.columns)
            rest -= Math.max(0, c.width);
        return Math.max(60, rest);
    }
    function cellText(location: var, key: string): string {
        if (key === "kind")
            return root.kindTitle(location.kind);
        if (key === "active")
            return location.active ? qsTr("yes", "@item location active") : qsTr("no", "@item location inactive");
        if (key === "priority")
            return String(location.priority);
        return location[key] || "";
    }
    function fill(location: var): void {
        code.text = location.code || "";
        name.text = location.name || "";
        kind.currentIndex = Math.max(0, root.kinds.findIndex(k => k.key === (location.kind || "warehouse")));
        priority.text = location.priority !== undefined ? String(location.priority) : "100";
        postcode.text = location.postcode || "";
        region.text = location.region || "";
        address.text = location.address || "";
        active.checked = location.active !== undefined ? location.active : true;
    }
    function select(row: int): void {
        const locations = root.controller.allLocations;
        if (row < 0 || row >= locations.length) {
            root.newLocation();
            return;
        }
        list.currentIndex = row;
        root.create = false;
        root.error = "";
        root.fill(locations[row]);
    }
    function newLocation(): void {
        list.currentIndex = -1;
        root.create = true;
        root.error = "";
        root.fill({});
        code.forceActiveFocus();
    }
    function save(): void {
        if (!root.complete || root.waiting || !root.writable)
            return;
        root.error = "";
        root.notice = "";
        root.waiting = true;
        root.controller.saveLocation({
            code: code.text,
            name: name.text,
            kind: root.kinds[kind.currentIndex].key,
            priority: priority.text,
            postcode: postcode.text,
            region: region.text,
            address: address.text,
            active: active.checked
        }, root.create);
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(760, parent ? parent.width - 40 : 760)
    title: qsTr("Locations", "@title:window")
    onOpened: {
        root.error = "";
        root.notice = "";
        root.waiting = false;
        root.selectCode = root.create ? "" : code.text;
        root.selectOnLoad = true;
        root.controller.loadLocations();
    }

    Connections {
        target: root.controller
        function onAllLocationsChanged(): void {
            const locations = root.controller.allLocations;
            // After a save: the saved one; otherwise the one being edited stays selected (another desktop's
            // change reorders the list, it must not swap the form under the clerk's hands).
            const wanted = root.selectCode.length > 0 ? root.selectCode
                         : (!root.create && list.currentIndex >= 0 ? code.text : "");
            const row = locations.findIndex(l => l.code === wanted);
            if (root.selectOnLoad) {
                root.selectOnLoad = false;
                root.selectCode = "";
                root.select(Math.max(0, row));
            } else if (root.selectCode.length > 0) {
                root.selectCode = "";
                root.select(row);
            } else if (row >= 0) {
                list.currentIndex = row;
            } else if (!root.create) {
                root.select(0);
            }
        }
        function onLocationSaved(ok: bool, message: string, savedCode: string): void {
            if (!root.waiting)
                return;
            root.waiting = false;
            if (ok) {
                root.notice = message;
                root.selectCode = savedCode;
            } else {
                root.error = message;
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Frame {
            Layout.fillWidth: true
            Layout.preferredHeight: 190
            padding: 0

            ColumnLayout {
                anchors.fill: parent
                spacing: 0

                Row {
                    id: heading

                    Layout.fillWidth: true
                    Layout.leftMargin: 8
                    Layout.rightMargin: 8
                    spacing: 8

                    Repeater {
                        model: root.columns

                        Label {
                            required property var modelData

                            width: root.columnWidth(modelData, list.width - 16)
                            topPadding: 4
                            bottomPadding: 4
                            horizontalAlignment: modelData.align === "right" ? Text.AlignRight : Text.AlignLeft
                            text: modelData.title
                            font.bold: true
                            elide: Text.ElideRight
                        }
                    }
                }
                ListView {
                    id: list

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    currentIndex: -1
                    model: root.controller.allLocations
                    keyNavigationEnabled: true
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.name: qsTr("Locations", "@label")
                    onCurrentIndexChanged: {
                        if (activeFocus && currentIndex >= 0 && currentIndex < count)
                            root.select(currentIndex);
                    }

                    delegate: ItemDelegate {
                        id: row

                        required property var modelData
                        required property int index

                        width: ListView.view.width
                        leftPadding: 8
                        rightPadding: 8
                        highlighted: ListView.isCurrentItem
                        onClicked: {
                            list.forceActiveFocus();
                            root.select(row.index);
                        }
                        Accessible.name: row.modelData.code + " " + row.modelData.name

                        contentItem: Row {
                            spacing: 8

                            Repeater {
                                model: root.columns

                                Label {
                                    required property var modelData

                                    width: root.columnWidth(modelData, list.width - 16)
                                    horizontalAlignment: modelData.align === "right" ? Text.AlignRight : Text.AlignLeft
                                    text: root.cellText(row.modelData, modelData.key)
                                    font.family: modelData.key === "code" ? "DejaVu Sans Mono" : root.font.family
                                    opacity: row.modelData.active ? 1 : 0.55
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }
                }
            }
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 4
            rowSpacing: 6
            columnSpacing: 8

            Label {
                text: qsTr("Code:", "@label:textbox")
            }
            TextField {
                id: code

                Layout.fillWidth: true
                readOnly: !root.create
                font.family: "DejaVu Sans Mono"
                placeholderText: root.create ? qsTr("e.g. WH-NORTH", "@info:placeholder") : ""
                Accessible.name: qsTr("Location code", "@label")
                Accessible.description: root.create ? "" : qsTr("The code of a location cannot be changed.", "@info")
                onAccepted: root.save()
            }
            Label {
                text: qsTr("Name:", "@label:textbox")
            }
            TextField {
                id: name

                Layout.fillWidth: true
                Accessible.name: qsTr("Location name", "@label")
                onAccepted: root.save()
            }
            Label {
                text: qsTr("Kind:", "@label:listbox")
            }
            ComboBox {
                id: kind

                Layout.fillWidth: true
                model: root.kinds.map(k => k.title)
                Accessible.name: qsTr("Kind of location", "@label")
            }
            Label {
                text: qsTr("Priority:", "@label:textbox")
            }
            TextField {
                id: priority

                Layout.fillWidth: true
                inputMethodHints: Qt.ImhDigitsOnly
                validator: IntValidator { bottom: 0; top: 1000000 }
                Accessible.name: qsTr("Priority", "@label")
                Accessible.description: priorityHint.text
                onAccepted: root.save()
            }
            Label {
                text: qsTr("Postcode:", "@label:textbox")
            }
            TextField {
                id: postcode

                Layout.fillWidth: true
                Accessible.name: qsTr("Postcode", "@label")
                onAccepted: root.save()
            }
            Label {
                text: qsTr("Region:", "@label:textbox")
            }
            TextField {
                id: region

                Layout.fillWidth: true
                placeholderText: qsTr("e.g. DE-BY", "@info:placeholder")
                Accessible.name: qsTr("Region", "@label")
                onAccepted: root.save()
            }
            Label {
                text: qsTr("Address:", "@label:textbox")
            }
            TextField {
                id: address

                Layout.fillWidth: true
                Layout.columnSpan: 3
                Accessible.name: qsTr("Address", "@label")
                onAccepted: root.save()
            }
            Item {
                width: 1
                height: 1
            }
            CheckBox {
                id: active

                Layout.columnSpan: 3
                text: qsTr("Active (stock can be kept and shipped here)", "@option:check")
            }
        }
        Label {
            id: priorityHint

            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            opacity: 0.75
            font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
            // One literal: lupdate does not join concatenated strings everywhere.
            text: qsTr("Priority: lower ships first. Order routing picks a location that can ship the whole order by priority; among equal priorities the nearest by postcode, then one in the ship-to region.", "@info")
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
        Label {
            Layout.fillWidth: true
            visible: root.error.length === 0 && root.notice.length > 0
            text: root.notice
            color: "#2e7d32"
            wrapMode: Text.WordWrap
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("New location", "@action:button")
            enabled: root.writable && !root.waiting
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.newLocation()
        }
        Button {
            text: root.create ? qsTr("Add", "@action:button") : qsTr("Save", "@action:button")
            enabled: root.writable && root.complete && !root.waiting
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.save()
        }
        Button {
            text: qsTr("Close", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        onRejected: root.close()
    }
}
