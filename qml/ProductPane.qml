// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// The product opened in the Inventory view: its record, its stock and settings per location, its stock over
// the last 90 days and its ledger, whose references open their documents.
Frame {
    id: root

    required property ProductController controller
    /** [{id, code}] for the ledger's location filter. */
    property var locations: []
    property bool writable: true
    readonly property var product: root.controller.product
    readonly property bool has: root.controller.found
    /** Narrow: the stock table leaves out bin and reorder quantity (the ✎ settings show them). */
    readonly property bool compact: root.availableWidth < 540

    signal editRequested()
    signal closeRequested()
    signal documentRequested(string kind, string number)

    component SectionTitle: Label {
        Layout.fillWidth: true
        topPadding: 6
        font.bold: true
        opacity: 0.85
    }
    component Fact: Label {
        required property string caption
        required property string fact

        text: "<span style='opacity:0.7'>" + caption + "</span> " + fact
        textFormat: Text.StyledText
        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
    }
    component Cell: Label {
        property bool number: true

        horizontalAlignment: number ? Text.AlignRight : Text.AlignLeft
        elide: Text.ElideRight
        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
    }

    padding: 10

    Dialog {
        id: settingsDialog

        property string code
        property string bin
        property int reorderPoint
        property int reorderQty

        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        width: 400
        title: qsTr("Stock settings: %1 at %2", "@title:window").arg(root.product.sku || "").arg(settingsDialog.code)
        standardButtons: Dialog.Save | Dialog.Cancel
        onOpened: {
            binField.text = settingsDialog.bin;
            pointField.text = settingsDialog.reorderPoint > 0 ? String(settingsDialog.reorderPoint) : "";
            qtyField.text = settingsDialog.reorderQty > 0 ? String(settingsDialog.reorderQty) : "";
            binField.forceActiveFocus();
        }
        onAccepted: root.controller.saveStockSettings(settingsDialog.code, binField.text, pointField.text, qtyField.text)

        GridLayout {
            anchors.fill: parent
            columns: 2
            rowSpacing: 6

            Label {
                text: qsTr("Bin:", "@label:textbox")
            }
            TextField {
                id: binField

                Layout.fillWidth: true
                font.family: "DejaVu Sans Mono"
                placeholderText: qsTr("e.g. A-03-2", "@info:placeholder")
                Accessible.name: qsTr("Bin", "@label")
                onAccepted: settingsDialog.accept()
            }
            Label {
                text: qsTr("Reorder point:", "@label:spinbox")
            }
            TextField {
                id: pointField

                Layout.fillWidth: true
                inputMethodHints: Qt.ImhDigitsOnly
                validator: IntValidator { bottom: 0; top: 1000000 }
                placeholderText: qsTr("0: none", "@info:placeholder")
                Accessible.name: qsTr("Reorder point", "@label")
                onAccepted: settingsDialog.accept()
            }
            Label {
                text: qsTr("Reorder quantity:", "@label:spinbox")
            }
            TextField {
                id: qtyField

                Layout.fillWidth: true
                inputMethodHints: Qt.ImhDigitsOnly
                validator: IntValidator { bottom: 0; top: 1000000 }
                Accessible.name: qsTr("Reorder quantity", "@label")
                onAccepted: settingsDialog.accept()
            }
            Label {
                Layout.columnSpan: 2
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                opacity: 0.75
                text: qsTr("The line turns amber when available + on order + in transit falls below the reorder point.", "@info")
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 3

        // Header: SKU, name, state, actions.
        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            Label {
                text: root.product.sku || root.controller.sku
                font.family: "DejaVu Sans Mono"
                font.pixelSize: Math.round(18 * InterfaceSettings.fontScale)
                font.bold: true
            }
            StatusBadge {
                visible: root.has
                status: root.product.active ? "ok" : "cancelled"
                text: root.product.active ? qsTr("Active", "@label product state") : qsTr("Inactive", "@label product state")
            }
            Item {
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Edit…", "@action:button")
                enabled: root.has && root.writable
                onClicked: root.editRequested()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Change the product (Ctrl+E)", "@info:tooltip")
                Accessible.name: qsTr("Edit product", "@action:button")
            }
            ToolButton {
                text: "✕"
                onClicked: root.closeRequested()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Close (Esc)", "@info:tooltip")
                Accessible.name: qsTr("Close the product", "@action:button")
            }
        }
        Label {
            Layout.fillWidth: true
            text: !root.controller.loaded ? qsTr("Loading…", "@info")
                  : root.has ? root.product.name : qsTr("There is no product %1.", "@info").arg(root.controller.sku)
            font.pixelSize: Math.round(15 * InterfaceSettings.fontScale)
            elide: Text.ElideRight
        }
        Flow {
            Layout.fillWidth: true
            visible: root.has
            spacing: 12

            Fact {
                caption: qsTr("GTIN", "@label")
                fact: (root.product.gtin || "").length > 0 ? root.product.gtin : "—"
            }
            Fact {
                caption: qsTr("Cost", "@label unit cost")
                fact: root.product.unitCost || ""
            }
            Fact {
                caption: qsTr("Avg. cost", "@label moving-average cost")
                fact: root.product.averageCost || ""
            }
            Fact {
                caption: qsTr("Price", "@label")
                fact: root.product.price || ""
            }
            Fact {
                caption: qsTr("Weight", "@label")
                fact: root.product.weight || ""
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.controller.message.length > 0
            text: root.controller.message
            color: root.controller.failed ? "#b00020" : "#2e7d32"
            wrapMode: Text.WordWrap
            font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
        }

        // Stock and settings per location.
        SectionTitle {
            visible: root.has
            text: qsTr("Stock by location", "@title")
        }
        RowLayout {
            id: stockHeading

            Layout.fillWidth: true
            visible: root.has
            spacing: 8

            Item {
                Layout.preferredWidth: 4
            }
            Cell {
                Layout.fillWidth: true
                Layout.minimumWidth: 60
                number: false
                text: qsTr("Location", "@title:column")
                font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                font.bold: true
                opacity: 0.75
            }
            Repeater {
                model: [
                    { title: qsTr("Bin", "@title:column"), width: 54, number: false, wide: true },
                    { title: qsTr("On hand", "@title:column"), width: 54, number: true },
                    { title: qsTr("Avail.", "@title:column available"), width: 46, number: true },
                    { title: qsTr("Coming", "@title:column on order + in transit"), width: 54, number: true },
                    { title: qsTr("Projected", "@title:column"), width: 64, number: true },
                    { title: qsTr("Reorder at", "@title:column reorder point"), width: 68, number: true },
                    { title: qsTr("Qty", "@title:column reorder quantity"), width: 40, number: true, wide: true }
                ]
                delegate: Cell {
                    id: headingCell

                    required property var modelData

                    Layout.preferredWidth: headingCell.modelData.width
                    visible: !root.compact || headingCell.modelData.wide !== true
                    number: headingCell.modelData.number
                    text: headingCell.modelData.title
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    font.bold: true
                    opacity: 0.75
                    ToolTip.visible: headingHover.hovered && headingCell.truncated
                    ToolTip.text: headingCell.modelData.title

                    HoverHandler {
                        id: headingHover
                    }
                }
            }
            Item {
                Layout.preferredWidth: 28
            }
        }
        Repeater {
            // The rows of the table above (a Repeater per row keeps the cells of one location together).
            model: root.has ? root.controller.locations : []
            delegate: RowLayout {
                id: stockRow

                required property var modelData

                Layout.fillWidth: true
                spacing: 8

                Rectangle {
                    Layout.preferredWidth: 4
                    Layout.preferredHeight: 20
                    color: stockRow.modelData.level === "out" ? "#c62828" : stockRow.modelData.level === "low" ? "#ef6c00" : "#2e7d32"
                    opacity: stockRow.modelData.stocked ? 1 : 0.3
                }
                Cell {
                    Layout.fillWidth: true
                    Layout.minimumWidth: 60
                    number: false
                    text: stockRow.modelData.code
                    font.bold: true
                    ToolTip.visible: codeHover.hovered
                    ToolTip.text: stockRow.modelData.name

                    HoverHandler {
                        id: codeHover
                    }
                }
                Cell {
                    Layout.preferredWidth: 54
                    visible: !root.compact
                    number: false
                    font.family: "DejaVu Sans Mono"
                    text: stockRow.modelData.bin.length > 0 ? stockRow.modelData.bin : "—"
                }
                Cell {
                    Layout.preferredWidth: 54
                    text: stockRow.modelData.onHand
                }
                Cell {
                    Layout.preferredWidth: 46
                    text: stockRow.modelData.available
                    font.bold: true
                    color: stockRow.modelData.available <= 0 ? "#b71c1c" : root.palette.windowText
                }
                Cell {
                    Layout.preferredWidth: 54
                    text: stockRow.modelData.onOrder + stockRow.modelData.inTransit > 0
                          ? "+" + (stockRow.modelData.onOrder + stockRow.modelData.inTransit) : "—"
                    ToolTip.visible: comingHover.hovered
                    ToolTip.text: qsTr("%1 on order, %2 in transit", "@info:tooltip").arg(stockRow.modelData.onOrder).arg(stockRow.modelData.inTransit)

                    HoverHandler {
                        id: comingHover
                    }
                }
                Cell {
                    Layout.preferredWidth: 64
                    text: (stockRow.modelData.level === "low" ? "⚠ " : stockRow.modelData.level === "out" ? "✖ " : "") + stockRow.modelData.projected
                    color: stockRow.modelData.level === "low" ? "#b45f06" : root.palette.windowText
                }
                Cell {
                    Layout.preferredWidth: 68
                    text: stockRow.modelData.reorderPoint > 0 ? stockRow.modelData.reorderPoint : "—"
                }
                Cell {
                    Layout.preferredWidth: 40
                    visible: !root.compact
                    text: stockRow.modelData.reorderQty > 0 ? stockRow.modelData.reorderQty : "—"
                }
                ToolButton {
                    Layout.preferredHeight: 24
                    Layout.preferredWidth: 28
                    text: "✎"
                    enabled: root.writable
                    onClicked: {
                        settingsDialog.code = stockRow.modelData.code;
                        settingsDialog.bin = stockRow.modelData.bin;
                        settingsDialog.reorderPoint = stockRow.modelData.reorderPoint;
                        settingsDialog.reorderQty = stockRow.modelData.reorderQty;
                        settingsDialog.open();
                    }
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Bin and reorder settings at %1", "@info:tooltip").arg(stockRow.modelData.code)
                    Accessible.name: qsTr("Edit the stock settings at %1", "@action:button").arg(stockRow.modelData.code)
                }
            }
        }

        // Stock over time.
        SectionTitle {
            visible: root.has
            text: qsTr("On hand over the last %1 days", "@title").arg(90)
        }
        StockChart {
            Layout.fillWidth: true
            Layout.preferredHeight: 170
            Layout.minimumHeight: 120
            visible: root.has
            series: root.controller.history
            from: root.controller.historyFrom
            to: root.controller.historyTo
            highest: root.controller.historyMax
        }

        // The ledger.
        RowLayout {
            Layout.fillWidth: true
            visible: root.has
            spacing: 8

            SectionTitle {
                text: qsTr("Ledger", "@title")
            }
            ComboBox {
                id: ledgerLocation

                Layout.preferredWidth: 150
                model: [qsTr("All locations", "@item:inlistbox")].concat(root.locations.map(l => l.code))
                onActivated: index => root.controller.ledger.locationFilter = index === 0 ? 0 : root.locations[index - 1].id
                Accessible.name: qsTr("Ledger of one location", "@label")

                Connections {
                    target: root.controller
                    function onSkuChanged(): void {
                        ledgerLocation.currentIndex = 0;
                        root.controller.ledger.locationFilter = 0;
                    }
                }
            }
        }
        Rectangle {
            Layout.fillWidth: true
            visible: root.has
            implicitHeight: 24
            color: Qt.darker(root.palette.base, 1.05)

            LedgerDelegate {
                // The ledger's column headings: the delegate's own layout with titles for values.
                anchors.fill: parent
                heading: true
                index: 0
                movementId: 0
                time: ""
                location: ""
                deltaOnHand: 0
                deltaReserved: 0
                reason: ""
                reference: ""
                openKind: ""
                openNumber: ""
                user: ""
                note: ""
                balance: 0
                flash: false
            }
        }
        ListView {
            id: ledgerList

            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 80
            visible: root.has
            clip: true
            model: root.controller.ledger
            reuseItems: true
            boundsBehavior: Flickable.StopAtBounds
            // From the keyboard too: Tab to the ledger, arrows, Enter opens the row's document.
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            currentIndex: -1
            ScrollBar.vertical: ScrollBar {}
            Accessible.name: qsTr("Ledger", "@label")
            Keys.onReturnPressed: {
                const item = ledgerList.currentItem as LedgerDelegate;
                if (item && item.openKind.length > 0)
                    root.documentRequested(item.openKind, item.openNumber);
            }
            delegate: LedgerDelegate {
                width: ListView.view.width
                highlighted: ListView.isCurrentItem && ledgerList.activeFocus
                onOpenRequested: (kind, number) => root.documentRequested(kind, number)
            }
            // Not a footer: Qt 6.4 cannot create a ListView's header or footer under ComponentBehavior: Bound.
            Label {
                anchors.centerIn: parent
                visible: ledgerList.count === 0
                text: root.controller.ledger.loading ? qsTr("Loading…", "@info") : qsTr("No movements.", "@info")
                opacity: 0.6
            }
            Label {
                anchors.bottom: parent.bottom
                anchors.horizontalCenter: parent.horizontalCenter
                visible: ledgerList.count > 0 && root.controller.ledger.loading
                text: qsTr("Loading older movements…", "@info")
                padding: 4
                font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                background: Rectangle {
                    color: root.palette.base
                    opacity: 0.9
                    radius: 3
                }
            }
        }
    }
}
