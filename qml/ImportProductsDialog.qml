// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Stockroom

// Products and stock from a file (ours, or Shopify's products or inventory export): choose it, preview what it
// would change (a dry run on the database thread), then import it, all or nothing. Import is offered only
// after a clean preview of the same file and options; the controller holds that state.
Dialog {
    id: root

    required property ProductImportController controller
    /** Our locations as Session has them: [{id, code}]. */
    property var locations: []
    /** Off while the database is unreachable: previews still show, nothing is imported. */
    property bool writable: true
    readonly property var codes: root.locations.map(l => l.code)
    readonly property var report: root.controller.report
    readonly property var formats: root.controller.formats
    readonly property bool clean: root.controller.hasReport && root.controller.problemCount === 0

    /** A count as the locale writes it (12,345). */
    function count(value: var): string {
        return Number(value || 0).toLocaleString(Qt.locale(), "f", 0);
    }
    function chooseFile(): void {
        if (!root.controller.busy)
            fileDialog.open();
    }
    function preview(): void {
        if (!root.controller.busy && root.controller.fileName.length > 0)
            root.controller.preview();
    }
    function runImport(): void {
        if (root.writable && root.controller.canImport)
            root.controller.runImport();
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(720, parent ? parent.width - 40 : 720)
    title: qsTr("Import products and stock", "@title:window")
    onOpened: {
        // After an import a fresh start; otherwise the file and options stay, to preview again once fixed.
        if (!root.controller.busy && root.report.applied === true)
            root.controller.clear();
        chooseButton.forceActiveFocus();
    }

    FileDialog {
        id: fileDialog

        title: qsTr("Import products or stock", "@title:window")
        nameFilters: [qsTr("CSV files (*.csv)", "@item:inlistbox"), qsTr("All files (*)", "@item:inlistbox")]
        onAccepted: {
            root.controller.setFileUrl(fileDialog.selectedFile);
            root.controller.preview(); // the first look at once: nothing changes before Import
        }
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Preview", "@action:button")
            enabled: !root.controller.busy && root.controller.fileName.length > 0
            highlighted: !root.controller.canImport
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.preview()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Check the file without changing anything (Ctrl+P)", "@info:tooltip")
        }
        Button {
            text: qsTr("Import", "@action:button")
            enabled: root.writable && root.controller.canImport
            highlighted: root.controller.canImport
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.runImport()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Apply what the preview showed (Ctrl+Enter)", "@info:tooltip")
        }
        Button {
            text: qsTr("Close", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequence: StandardKey.Open
            enabled: root.opened
            onActivated: root.chooseFile()
        }
        Shortcut {
            sequence: "Ctrl+P"
            enabled: root.opened
            onActivated: root.preview()
        }
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened
            onActivated: root.runImport()
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 3
            rowSpacing: 6
            enabled: !root.controller.busy

            Label {
                text: qsTr("File:", "@label:textbox")
            }
            TextField {
                Layout.fillWidth: true
                readOnly: true
                text: root.controller.fileName
                placeholderText: qsTr("No file chosen", "@info:placeholder")
                Accessible.name: qsTr("File to import", "@label")
            }
            Button {
                id: chooseButton

                text: qsTr("Choose…", "@action:button")
                onClicked: root.chooseFile()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose a CSV file (Ctrl+O)", "@info:tooltip")
                Accessible.name: qsTr("Choose a file", "@action:button")
            }
            Label {
                text: qsTr("Format:", "@label:listbox")
            }
            ComboBox {
                id: format

                Layout.fillWidth: true
                Layout.columnSpan: 2
                textRole: "label"
                valueRole: "value"
                model: root.formats
                currentIndex: root.formats.findIndex(f => f.value === root.controller.format)
                onActivated: root.controller.format = format.currentValue
                Accessible.name: qsTr("File format", "@label")
            }
            Label {
                text: qsTr("Rows without a location:", "@label:listbox")
            }
            ComboBox {
                Layout.fillWidth: true
                Layout.columnSpan: 2
                model: [qsTr("None: every row names its location", "@item:inlistbox"), ...root.codes]
                currentIndex: root.codes.indexOf(root.controller.defaultLocation) + 1
                onActivated: index => root.controller.defaultLocation = index === 0 ? "" : root.codes[index - 1]
                Accessible.name: qsTr("Location for rows without one", "@label")
            }
        }

        // The file's locations that are none of ours (Shopify's "Shop location"): which of ours each one is.
        ColumnLayout {
            Layout.fillWidth: true
            visible: root.controller.unknownLocations.length > 0
            enabled: !root.controller.busy
            spacing: 4

            Label {
                Layout.fillWidth: true
                text: qsTr("The file names locations we do not have. Choose which of ours each one is, then preview again:", "@info")
                wrapMode: Text.WordWrap
            }
            Repeater {
                model: root.controller.unknownLocations
                delegate: RowLayout {
                    id: mapping

                    required property string modelData
                    readonly property string mapped: root.controller.locationMap[mapping.modelData] || ""

                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    spacing: 8

                    Label {
                        Layout.preferredWidth: 240
                        text: qsTr("“%1” is", "@label:listbox the file's location name").arg(mapping.modelData)
                        elide: Text.ElideMiddle
                    }
                    ComboBox {
                        Layout.preferredWidth: 220
                        model: [qsTr("Not mapped", "@item:inlistbox"), ...root.codes]
                        currentIndex: root.codes.indexOf(mapping.mapped) + 1
                        onActivated: index => root.controller.mapLocation(mapping.modelData, index === 0 ? "" : root.codes[index - 1])
                        Accessible.name: qsTr("Our location for “%1”", "@label").arg(mapping.modelData)
                    }
                    Item {
                        Layout.fillWidth: true
                    }
                }
            }
        }

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 220

            ColumnLayout {
                anchors.fill: parent
                spacing: 6

                RowLayout {
                    visible: root.controller.busy
                    spacing: 8

                    BusyIndicator {
                        Layout.preferredWidth: 32
                        Layout.preferredHeight: 32
                        running: root.controller.busy
                    }
                    Label {
                        text: root.controller.importing ? qsTr("Importing…", "@info") : qsTr("Checking the file against the database…", "@info")
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: !root.controller.busy && !root.controller.hasReport
                    text: qsTr("Our products or stock file, or Shopify's products or inventory export (CSV). Preview shows what the file would change; nothing changes before Import, and a file with any problem is not imported at all.", "@info")
                    wrapMode: Text.WordWrap
                    opacity: 0.75
                }

                // What the file holds and would change (or changed).
                GridLayout {
                    Layout.fillWidth: true
                    visible: root.controller.hasReport && !root.controller.busy
                    columns: 2
                    columnSpacing: 16
                    rowSpacing: 2

                    Label {
                        text: qsTr("Format:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        Layout.fillWidth: true
                        text: root.report.detected === true ? qsTr("%1 (detected)", "@info file format").arg(root.report.format) : (root.report.format || "")
                        elide: Text.ElideRight
                    }
                    Label {
                        text: qsTr("Rows read:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        text: root.count(root.report.rowsRead)
                    }
                    Label {
                        visible: root.clean
                        text: qsTr("Products:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        visible: root.clean
                        text: qsTr("%1 new, %2 changed, %3 unchanged", "@info products")
                                  .arg(root.count(root.report.created)).arg(root.count(root.report.updated)).arg(root.count(root.report.unchanged))
                        font.bold: true
                    }
                    Label {
                        visible: root.clean
                        text: qsTr("Stock levels set:", "@label")
                        opacity: 0.75
                    }
                    Label {
                        visible: root.clean
                        text: qsTr("%1 (%2 units in, %3 units out)", "@info stock levels")
                                  .arg(root.count(root.report.stockChanged)).arg(root.count(root.report.unitsIn)).arg(root.count(root.report.unitsOut))
                        font.bold: true
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.clean && !root.controller.busy
                    text: root.report.applied === true
                          ? qsTr("Imported. Ledger reference: %1.", "@info").arg(root.report.reference)
                          : root.controller.stale
                            ? qsTr("The file or the options changed since this preview: preview again.", "@info")
                            : qsTr("Nothing has been changed yet: Import applies exactly this.", "@info")
                    wrapMode: Text.WordWrap
                    color: root.controller.stale ? "#b45f06" : "#2e7d32"
                    font.bold: true
                    Accessible.role: Accessible.AlertMessage
                }

                // Every problem, where it is and why; not one row is imported while there are any.
                Label {
                    Layout.fillWidth: true
                    visible: root.controller.problemCount > 0 && !root.controller.busy
                    text: qsTr("%n problem(s) in %1", "@info", root.controller.problemCount).arg(root.report.fileName || "")
                    color: "#b00020"
                    font.bold: true
                    Accessible.role: Accessible.AlertMessage
                }
                ListView {
                    id: problemList

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 160
                    visible: root.controller.problemCount > 0 && !root.controller.busy
                    clip: true
                    model: root.controller.problems
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.name: qsTr("Problems", "@label")
                    delegate: Label {
                        id: problem

                        required property string modelData

                        width: ListView.view.width - 12
                        text: problem.modelData
                        font.family: "DejaVu Sans Mono"
                        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                        wrapMode: Text.Wrap
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.controller.problemCount > 0 && !root.controller.busy
                    text: root.controller.stale
                          ? qsTr("Nothing will be imported until every problem is fixed. The options changed: preview again.", "@info")
                          : qsTr("Nothing will be imported until every problem is fixed.", "@info")
                    wrapMode: Text.WordWrap
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.controller.message.length > 0
                    text: root.controller.message
                    wrapMode: Text.WordWrap
                    color: "#b00020"
                    font.bold: true
                    Accessible.role: Accessible.AlertMessage
                }
                Item {
                    Layout.fillHeight: true
                    visible: !problemList.visible
                }
            }
        }
    }
}
