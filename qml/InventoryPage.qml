// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Stock per product × location: what is there, reserved, available, coming (in transit, on order), the
// projection against the reorder point and the value; the selected product's pane beside it.
Page {
    id: root
    Accessible.name: qsTr("Inventory", "@title:tab")

    required property Session session
    property string initialSearch
    /** A SKU whose pane opens once the grid is there (--product, screenshots). */
    property string initialProduct
    /**
     * "product" (the editor of initialProduct), "new-product", "import", "locations" or "export", opened at start
     * (screenshots).
     */
    property string initialDialog
    readonly property InventoryModel model: root.session.inventory

    // Measures the grid's headings in the font they are drawn in (the window's, bold).
    Label {
        id: headingFont

        visible: false
        font.bold: true
    }
    FontMetrics {
        id: headingMetrics

        font: headingFont.font
    }
    readonly property ProductController product: root.session.product
    readonly property bool paneOpen: root.product.sku.length > 0
    /** Off while the database is unreachable: what is on screen stays, read-only. */
    readonly property bool writable: root.session.live
    // Every column in display order; priority 0 always shows, higher numbers go first when space is short.
    readonly property var allColumns: [
        { key: "sku", title: qsTr("SKU", "@title:column"), width: 86, priority: 0, sort: "sku" },
        { key: "name", title: qsTr("Product", "@title:column"), width: 96, priority: 0, sort: "" },
        { key: "location", title: qsTr("Location", "@title:column"), width: 70, priority: 0, sort: "location" },
        { key: "bin", title: qsTr("Bin", "@title:column"), width: 60, priority: 5, sort: "" },
        { key: "onHand", title: qsTr("On hand", "@title:column"), width: 66, priority: 2, align: "right", sort: "" },
        { key: "reserved", title: qsTr("Reserved", "@title:column"), width: 72, priority: 3, align: "right", sort: "" },
        { key: "available", title: qsTr("Available", "@title:column"), width: 70, priority: 0, align: "right", sort: "available" },
        { key: "inTransit", title: qsTr("In transit", "@title:column"), width: 72, priority: 3, align: "right", sort: "" },
        { key: "onOrder", title: qsTr("On order", "@title:column"), width: 70, priority: 3, align: "right", sort: "" },
        { key: "projected", title: qsTr("Projected", "@title:column"), width: 74, priority: 1, align: "right", sort: "" },
        { key: "reorderPoint", title: qsTr("Reorder at", "@title:column reorder point"), width: 74, priority: 2, align: "right", sort: "" },
        { key: "value", title: qsTr("Value", "@title:column stock value"), width: 92, priority: 4, align: "right", sort: "value" },
        { key: "state", title: qsTr("State", "@title:column"), width: 114, priority: 0, sort: "" }
    ]
    readonly property var columns: root.visibleColumns(list.width)

    /** The columns that fit in width: by priority, whole priority groups at a time; the name takes the rest. */
    function visibleColumns(width: real): var {
        const spacing = 8;
        // A column is never narrower than its heading (with the sort arrow), so a longer language cuts none.
        const widthOf = c => Math.max(c.width, Math.ceil(headingMetrics.advanceWidth(c.title + (c.sort.length > 0 ? " ▼" : ""))) + 2);
        let room = width - 16 - spacing * (root.allColumns.length - 1);
        for (const column of root.allColumns)
            room -= widthOf(column);
        let dropped = 0;
        // Drop the least important groups until the rest fits.
        for (let priority = 5; priority > 0 && room < 0; --priority) {
            for (const column of root.allColumns) {
                if (column.priority === priority) {
                    room += widthOf(column) + spacing;
                    dropped = priority;
                }
            }
        }
        return root.allColumns.filter(c => dropped === 0 || c.priority < dropped).map(c => ({
            key: c.key,
            title: c.title,
            sort: c.sort,
            align: c.align || "left",
            width: c.key === "name" ? Math.max(60, widthOf(c) + room) : widthOf(c)
        }));
    }
    function openRow(row: int): void {
        const level = root.model.get(row);
        if (level.sku !== undefined)
            root.product.open(level.sku, level.productId);
    }
    function closePane(): void {
        root.product.sku = "";
        list.forceActiveFocus();
    }
    function editProduct(): void {
        if (!root.product.found)
            return;
        productDialog.create = false;
        productDialog.values = root.product.product;
        productDialog.open();
    }
    function newProduct(): void {
        productDialog.create = true;
        productDialog.values = ({});
        productDialog.open();
    }
    function importFile(): void {
        importDialog.open();
    }
    function editLocations(): void {
        locationsDialog.open();
    }

    padding: 12

    Component.onCompleted: {
        if (root.initialSearch.length > 0)
            root.model.search = root.initialSearch;
    }

    Connections {
        target: root.product
        function onDetailChanged(): void {
            if (root.initialDialog === "product" && root.product.found) {
                root.initialDialog = "";
                root.editProduct();
            }
        }
    }
    Connections {
        target: root.model
        function onLoaded(): void {
            if (root.initialDialog === "new-product") {
                root.initialDialog = "";
                root.newProduct();
            } else if (root.initialDialog === "import") {
                root.initialDialog = "";
                root.importFile();
            } else if (root.initialDialog === "locations") {
                root.initialDialog = "";
                root.editLocations();
            } else if (root.initialDialog === "export") {
                root.initialDialog = "";
                exportDialog.openFor("stock");
            }
            if (root.initialProduct.length === 0)
                return;
            const sku = root.initialProduct;
            root.initialProduct = "";
            for (let row = 0; row < list.count; ++row) {
                if (root.model.get(row).sku === sku) {
                    list.currentIndex = row;
                    list.positionViewAtIndex(row, ListView.Center);
                    root.openRow(row);
                    return;
                }
            }
            root.product.open(sku, 0);
        }
    }

    Shortcut {
        sequence: StandardKey.Find
        enabled: root.visible
        onActivated: search.forceActiveFocus()
    }
    Shortcut {
        sequence: "Ctrl+N"
        enabled: root.visible && root.writable
        onActivated: root.newProduct()
    }
    Shortcut {
        sequence: "Ctrl+E"
        enabled: root.visible && root.writable && root.product.found
        onActivated: root.editProduct()
    }
    Shortcut {
        sequence: "Ctrl+I"
        enabled: root.visible && root.writable
        onActivated: root.importFile()
    }

    ProductDialog {
        id: productDialog

        anchors.centerIn: parent
        controller: root.product
    }
    ImportProductsDialog {
        id: importDialog

        anchors.centerIn: parent
        controller: root.session.productImport
        locations: root.session.locations
        writable: root.writable
    }
    Shortcut {
        sequence: "Ctrl+Shift+E"
        enabled: root.visible
        onActivated: exportDialog.openFor("stock")
    }
    ExportDialog {
        id: exportDialog

        anchors.centerIn: parent
        controller: root.session.exports
    }
    LocationsDialog {
        id: locationsDialog

        anchors.centerIn: parent
        controller: root.product
        writable: root.writable
    }

    header: ToolBar {
        background: null
        contentHeight: filters.implicitHeight + 8

        Flow {
            id: filters

            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            anchors.topMargin: 4
            spacing: 8

            TextField {
                id: search

                width: 250
                placeholderText: qsTr("Search SKU, product or location (Ctrl+F)", "@info:placeholder")
                selectByMouse: true
                Accessible.name: qsTr("Search stock", "@label")
                text: root.initialSearch
                onTextEdited: searchDelay.restart()
                onAccepted: root.model.search = text
                Keys.onDownPressed: list.forceActiveFocus()
                Keys.onEscapePressed: {
                    text = "";
                    root.model.search = "";
                }

                Timer {
                    id: searchDelay
                    interval: 200
                    onTriggered: root.model.search = search.text
                }
            }
            ComboBox {
                width: 150
                model: [qsTr("All locations", "@item:inlistbox")].concat(root.session.locations.map(l => l.code))
                onActivated: index => root.model.locationFilter = index === 0 ? 0 : root.session.locations[index - 1].id
                Accessible.name: qsTr("Filter by location", "@label")
            }
            CheckBox {
                height: search.height
                text: qsTr("Below reorder point", "@option:check")
                checked: root.model.belowReorderOnly
                onToggled: root.model.belowReorderOnly = checked
            }
            CheckBox {
                height: search.height
                text: qsTr("Out of stock", "@option:check")
                checked: root.model.outOfStockOnly
                onToggled: root.model.outOfStockOnly = checked
            }
            Button {
                text: qsTr("New product…", "@action:button")
                enabled: root.writable
                onClicked: root.newProduct()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Add a product (Ctrl+N)", "@info:tooltip")
                Accessible.name: qsTr("New product", "@action:button")
            }
            Button {
                text: qsTr("Import…", "@action:button")
                enabled: root.writable
                onClicked: root.importFile()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Import products and stock from a file (Ctrl+I)", "@info:tooltip")
                Accessible.name: qsTr("Import products and stock", "@action:button")
            }
            Button {
                text: qsTr("Export…", "@action:button")
                onClicked: exportDialog.openFor("stock")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Export stock, the ledger, products or orders to a CSV file (Ctrl+Shift+E)", "@info:tooltip")
                Accessible.name: qsTr("Export to a file", "@action:button")
            }
            Button {
                text: qsTr("Locations…", "@action:button")
                onClicked: root.editLocations()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Add locations or change their priority, postcode and region", "@info:tooltip")
                Accessible.name: qsTr("Locations", "@action:button")
            }
            Label {
                height: search.height
                verticalAlignment: Text.AlignVCenter
                text: root.model.errorText.length > 0 ? root.model.errorText
                      : qsTr("%n line(s) · %1 available · value %2", "@info", list.count)
                            .arg(root.model.totalAvailable.toLocaleString(Qt.locale(), "f", 0))
                            .arg(root.model.totalValue)
                color: root.model.errorText.length > 0 ? "#b00020" : root.palette.windowText
                opacity: 0.8
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: 0

            ColumnLayout {
                anchors.fill: parent
                spacing: 0

                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: 32
                    clip: true
                    color: Qt.darker(root.palette.base, 1.05)

                    Row {
                        anchors.verticalCenter: parent.verticalCenter
                        x: 4 // where the rows' text starts
                        spacing: 8

                        Repeater {
                            // SKU, location, available and value sort (click again to turn the order round).
                            model: root.columns
                            delegate: Label {
                                id: heading

                                required property var modelData
                                readonly property bool sortable: heading.modelData.sort.length > 0
                                readonly property bool sorted: heading.sortable && heading.modelData.sort === root.model.sortKey

                                width: heading.modelData.width
                                text: heading.modelData.title + (heading.sorted ? (root.model.sortDescending ? " ▼" : " ▲") : "")
                                font.bold: true
                                font.underline: heading.sortable && hover.hovered
                                horizontalAlignment: heading.modelData.align === "right" ? Text.AlignRight : Text.AlignLeft
                                elide: Text.ElideRight
                                Accessible.role: heading.sortable ? Accessible.ColumnHeader : Accessible.StaticText
                                ToolTip.visible: hover.hovered && heading.truncated
                                ToolTip.text: heading.modelData.title

                                HoverHandler {
                                    id: hover
                                    cursorShape: heading.sortable ? Qt.PointingHandCursor : Qt.ArrowCursor
                                }
                                TapHandler {
                                    enabled: heading.sortable
                                    onTapped: root.model.sortBy(heading.modelData.sort)
                                }
                            }
                        }
                    }
                }

                ListView {
                    id: list

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    focus: true
                    model: root.model
                    keyNavigationEnabled: true
                    highlightMoveDuration: 0
                    reuseItems: true
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.name: qsTr("Stock levels", "@label")
                    // The pane follows the arrow keys once it is open (not a new search's first row);
                    // Enter opens it, Escape closes it.
                    Keys.onUpPressed: {
                        list.decrementCurrentIndex();
                        if (root.paneOpen)
                            root.openRow(list.currentIndex);
                    }
                    Keys.onDownPressed: {
                        list.incrementCurrentIndex();
                        if (root.paneOpen)
                            root.openRow(list.currentIndex);
                    }
                    Keys.onReturnPressed: root.openRow(list.currentIndex)
                    Keys.onEnterPressed: root.openRow(list.currentIndex)
                    Keys.onEscapePressed: root.closePane()

                    delegate: InventoryDelegate {
                        width: ListView.view.width
                        columns: root.columns
                        onClicked: {
                            list.currentIndex = index;
                            list.forceActiveFocus();
                            root.openRow(index);
                        }
                    }

                    Label {
                        anchors.centerIn: parent
                        visible: list.count === 0 && !root.model.loading
                        text: qsTr("No stock lines match.", "@info")
                        opacity: 0.6
                    }
                }

                // The legend: what the tints and signs mean, and what "projected" adds up.
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: legend.implicitHeight + 10
                    color: Qt.darker(root.palette.base, 1.03)

                    Flow {
                        id: legend

                        anchors.fill: parent
                        anchors.margins: 5
                        anchors.leftMargin: 10
                        spacing: 14

                        Row {
                            spacing: 5
                            Rectangle {
                                width: 12
                                height: 12
                                anchors.verticalCenter: parent.verticalCenter
                                color: Qt.rgba(0.78, 0.16, 0.16, 0.25)
                                border.color: "#c62828"
                            }
                            Label {
                                text: qsTr("✖ Out of stock", "@info legend")
                                font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                            }
                        }
                        Row {
                            spacing: 5
                            Rectangle {
                                width: 12
                                height: 12
                                anchors.verticalCenter: parent.verticalCenter
                                color: Qt.rgba(0.94, 0.42, 0, 0.25)
                                border.color: "#ef6c00"
                            }
                            Label {
                                text: qsTr("⚠ Reorder: projected below the reorder point", "@info legend")
                                font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                            }
                        }
                        Label {
                            text: qsTr("Projected = available + on order + in transit", "@info legend")
                            font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                            opacity: 0.75
                        }
                        Label {
                            visible: root.model.truncated
                            text: qsTr("Showing the first %1 lines: narrow the search.", "@info").arg(list.count)
                            font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                            color: "#b45f06"
                        }
                    }
                }
            }
        }

        ProductPane {
            // Half the page, but never so much that the grid loses its essential columns.
            Layout.preferredWidth: Math.max(440, Math.min(660, root.availableWidth * 0.5, root.availableWidth - 12 - 460))
            Layout.fillHeight: true
            visible: root.paneOpen
            controller: root.product
            locations: root.session.locations
            writable: root.writable
            onEditRequested: root.editProduct()
            onCloseRequested: root.closePane()
            onDocumentRequested: (kind, number) => root.session.showDocument(kind, number)
        }
    }
}
