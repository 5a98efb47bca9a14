// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

Page {
    id: root
    Accessible.name: qsTr("Orders", "@title:tab")

    required property OrderModel model
    required property OrderActions actions
    required property PresenceTracker presence
    required property OrderDetailController detail
    required property OrderImportController importer
    required property SkuAliasController aliases
    required property NewOrderController newOrder
    /** Promises at order entry (the New order dialog's lines). */
    required property ReplenishmentController planner
    /** With initialDialog new-order: the lines to fill in, "SKU:QTY,SKU:QTY" (--product, for screenshots). */
    property string initialLines
    required property ExportController exporter
    property var channels: []
    property var locations: []
    /** Off while the database is unreachable: what is on screen stays, read-only. */
    property bool writable: true
    property string initialSearch
    property string initialDialog
    property var selected: ({})
    readonly property bool hasOrder: root.selected.number !== undefined
    readonly property bool canShip: root.writable && root.selected.canShip === true
    readonly property bool canCancel: root.writable && root.selected.canCancel === true
    /** The orders a bulk action applies to: the selection, or the current order. */
    function targets(): list<string> {
        return root.model.selectedNumbers(list.currentIndex);
    }
    function ship(): void {
        // Two people packing one order is how parcels go out twice: the dialog says so first.
        shipDialog.number = root.selected.number;
        shipDialog.version = root.selected.version;
        shipDialog.presence = root.selected.presence || "";
        shipDialog.open();
    }
    function pack(): void {
        packDialog.number = root.selected.number;
        packDialog.open();
    }
    /** Shows one order: the search finds it, the list selects it. */
    function showOrder(number: string): void {
        search.text = number;
        root.model.searchText = number;
        list.forceActiveFocus();
    }

    Component.onCompleted: {
        if (root.initialSearch.length > 0) {
            search.text = root.initialSearch;
            root.model.searchText = root.initialSearch;
        }
    }

    // The detail panel follows live changes of the selected row (its version, its state).
    Connections {
        target: root.model
        function onDataChanged(): void {
            if (list.currentIndex >= 0)
                root.selected = root.model.get(list.currentIndex);
        }
        function onModelReset(): void {
            root.selected = ({});
        }
        function onLoaded(): void {
            if (list.currentIndex < 0 && list.count > 0)
                list.currentIndex = 0;
            else if (list.currentIndex >= 0)
                root.selected = root.model.get(list.currentIndex);
            // A new search (an order opened from a dialog) may keep the row index: the detail follows the order.
            root.detail.number = root.selected.number || "";
            if (root.initialDialog === "pack" && root.hasOrder) {
                root.initialDialog = "";
                root.pack();
                        } else if (root.initialDialog === "ship" && root.hasOrder) {
                root.initialDialog = "";
                root.ship();
            } else if (root.initialDialog === "import") {
                root.initialDialog = "";
                trackingDialog.openImport();
            } else if (root.initialDialog === "import-orders") {
                root.initialDialog = "";
                importOrdersDialog.open();
            } else if (root.initialDialog === "sku-aliases") {
                root.initialDialog = "";
                skuAliasesDialog.openFor("");
            } else if (root.initialDialog === "new-order") {
                root.initialDialog = "";
                newOrderDialog.pendingLines = root.initialLines;
                newOrderDialog.open();
            } else if (root.initialDialog === "export") {
                root.initialDialog = "";
                exportDialog.openFor("orders");
            }
        }
    }

    // --dialog return|receive|track opens those once the order's details are there (for screenshots).
    Connections {
        target: root.detail
        function onDetailChanged(): void {
            if (!root.detail.loaded)
                return;
            if (root.initialDialog === "return") {
                root.initialDialog = "";
                returnDialog.mode = "create";
                returnDialog.orderNumber = root.selected.number;
                returnDialog.orderLines = root.detail.lines;
                returnDialog.open();
            } else if (root.initialDialog === "receive" && root.detail.returns.length > 0) {
                root.initialDialog = "";
                returnDialog.mode = "receive";
                returnDialog.rma = root.detail.returns[0];
                returnDialog.open();
            } else if (root.initialDialog === "track" && root.detail.shipments.length > 0) {
                root.initialDialog = "";
                trackingDialog.tracking = root.detail.shipments[0].tracking;
                trackingDialog.open();
            }
        }
    }

    Shortcut {
        sequence: "Ctrl+F"
        enabled: root.visible
        onActivated: search.forceActiveFocus()
    }
    Shortcut {
        sequence: "Ctrl+Shift+P"
        enabled: root.visible && root.writable && !root.actions.busy
        onActivated: root.actions.pay(root.targets())
    }
    Shortcut {
        sequence: "Ctrl+Shift+R"
        enabled: root.visible && root.writable && !root.actions.busy
        onActivated: root.actions.release(root.targets())
    }
    Shortcut {
        sequence: "Ctrl+Shift+H"
        enabled: root.visible && root.writable && !root.actions.busy
        onActivated: holdDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+U"
        enabled: root.visible && root.writable && !root.actions.busy
        onActivated: root.actions.unhold(root.targets())
    }
    Shortcut {
        sequence: "Ctrl+Shift+K"
        enabled: root.visible && root.writable && root.hasOrder
        onActivated: root.pack()
    }
    Shortcut {
        sequence: "Ctrl+Shift+S"
        enabled: root.visible && root.canShip && !root.actions.busy
        onActivated: root.ship()
    }
    Shortcut {
        sequence: "Ctrl+Shift+X"
        enabled: root.visible && root.canCancel && !root.actions.busy
        onActivated: cancelDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+L"
        enabled: root.visible && !root.actions.busy
        onActivated: root.actions.printLabels(root.targets())
    }
    Shortcut {
        sequence: "Ctrl+P"
        enabled: root.visible && !root.actions.busy
        onActivated: root.actions.printLabelsOnPrinter(root.targets())
    }
    Shortcut {
        sequence: "Ctrl+Shift+G"
        enabled: root.visible && !root.actions.busy && root.locations.length > 0
        onActivated: pickListMenu.open()
    }
    Shortcut {
        sequence: "Ctrl+A"
        enabled: root.visible && list.activeFocus
        onActivated: root.model.selectAllLoaded()
    }
    Shortcut {
        sequence: "Ctrl+Shift+I"
        enabled: root.visible
        onActivated: importOrdersDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+Shift+M"
        enabled: root.visible
        onActivated: skuAliasesDialog.openFor("")
    }
    Shortcut {
        sequence: "Ctrl+N"
        enabled: root.visible && root.writable
        onActivated: newOrderDialog.open()
    }

    ShipDialog {
        id: shipDialog

        anchors.centerIn: parent
        actions: root.actions
    }
    PackDialog {
        id: packDialog

        anchors.centerIn: parent
        actions: root.actions
    }
    ReturnDialog {
        id: returnDialog

        anchors.centerIn: parent
        actions: root.actions
        locations: root.locations
    }
    TrackingDialog {
        id: trackingDialog

        anchors.centerIn: parent
        actions: root.actions
    }
    ImportOrdersDialog {
        id: importOrdersDialog

        anchors.centerIn: parent
        controller: root.importer
        channels: root.channels
        writable: root.writable
        onOrderRequested: number => {
            importOrdersDialog.close();
            root.showOrder(number);
        }
        onMapRequested: skuAliasesDialog.openFor("")
    }
    Shortcut {
        sequence: "Ctrl+Shift+E"
        enabled: root.visible
        onActivated: exportDialog.openFor("orders")
    }
    ExportDialog {
        id: exportDialog

        anchors.centerIn: parent
        controller: root.exporter
    }
    NewOrderDialog {
        id: newOrderDialog

        anchors.centerIn: parent
        controller: root.newOrder
        planner: root.planner
        channels: root.channels
        writable: root.writable
        onOrderRequested: number => {
            newOrderDialog.close();
            root.showOrder(number);
        }
    }
    SkuAliasesDialog {
        id: skuAliasesDialog

        anchors.centerIn: parent
        controller: root.aliases
        writable: root.writable
        onOrderRequested: number => {
            skuAliasesDialog.close();
            importOrdersDialog.close();
            root.showOrder(number);
        }
    }

    Dialog {
        id: cancelDialog

        anchors.centerIn: parent
        modal: true
        width: 440
        title: qsTr("Cancel %1?", "@title:window").arg(root.selected.number || "")
        standardButtons: Dialog.Yes | Dialog.No
        onAccepted: root.actions.cancel(root.selected.number, root.selected.version)

        Label {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("Its reserved stock goes back on sale.", "@info")
        }
    }

    Dialog {
        id: holdDialog
        objectName: "holdDialog"

        anchors.centerIn: parent
        modal: true
        width: 440
        title: qsTr("Put %n order(s) on hold", "@title:window", root.targets().length)
        standardButtons: Dialog.Ok | Dialog.Cancel
        onOpened: reason.forceActiveFocus()
        onAccepted: root.actions.hold(root.targets(), reason.text)

        ColumnLayout {
            anchors.fill: parent
            Label {
                text: qsTr("Reason (the stock stays reserved):", "@label:textbox")
            }
            TextField {
                id: reason

                Layout.fillWidth: true
                placeholderText: qsTr("e.g. address check", "@info:placeholder")
                Accessible.name: qsTr("Hold reason", "@label")
                onAccepted: holdDialog.accept()
            }
        }
    }

    Dialog {
        id: refundDialog
        objectName: "refundDialog"

        anchors.centerIn: parent
        modal: true
        width: 440
        title: qsTr("Refund %1", "@title:window").arg(root.selected.number || "")
        standardButtons: Dialog.Ok | Dialog.Cancel
        onOpened: amount.forceActiveFocus()
        onAccepted: root.actions.refund(root.selected.number, root.selected.version, amount.text, note.text)

        GridLayout {
            anchors.fill: parent
            columns: 2
            Label {
                text: qsTr("Amount:", "@label:textbox")
            }
            TextField {
                id: amount

                Layout.fillWidth: true
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                Accessible.name: qsTr("Refund amount", "@label")
            }
            Label {
                text: qsTr("Note:", "@label:textbox")
            }
            TextField {
                id: note

                Layout.fillWidth: true
                Accessible.name: qsTr("Refund note", "@label")
                onAccepted: refundDialog.accept()
            }
        }
    }

    // Column widths shared by the header and the rows; the customer column takes what is left.
    readonly property int fixedWidth: 18 + 100 + 115 + 80 + 105 + 95 + 45 + 85 + 8 * 8 + 20
    readonly property var columns: [100, 115, Math.max(60, list.width - root.fixedWidth), 80, 105, 95, 45, 85]

    padding: 12

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

                width: 330
                placeholderText: qsTr("Search order, customer, e-mail, SKU, tracking (Ctrl+F)", "@info:placeholder")
                selectByMouse: true
                Accessible.name: qsTr("Search orders", "@label")
                onTextEdited: root.model.searchText = text
                Keys.onDownPressed: list.forceActiveFocus()
                Keys.onEscapePressed: {
                    text = "";
                    root.model.searchText = "";
                }

                // Another view may search for an order (a reference in a product's ledger): show what is searched.
                Connections {
                    target: root.model
                    function onFilterChanged(): void {
                        if (search.text !== root.model.searchText)
                            search.text = root.model.searchText;
                    }
                }
            }
            ComboBox {
                id: statusFilter

                width: 150
                textRole: "label"
                valueRole: "value"
                model: [
                    { value: "", label: qsTr("Any status", "@item:inlistbox") },
                    { value: "backordered", label: qsTr("Backordered", "@item:inlistbox") },
                    { value: "allocated", label: qsTr("Allocated", "@item:inlistbox") },
                    { value: "on_hold", label: qsTr("On hold", "@item:inlistbox") },
                    { value: "picking", label: qsTr("Picking", "@item:inlistbox") },
                    { value: "packed", label: qsTr("Packed", "@item:inlistbox") },
                    { value: "partially_shipped", label: qsTr("Partly shipped", "@item:inlistbox") },
                    { value: "shipped", label: qsTr("Shipped", "@item:inlistbox") },
                    { value: "delivered", label: qsTr("Delivered", "@item:inlistbox") },
                    { value: "cancelled", label: qsTr("Cancelled", "@item:inlistbox") }
                ]
                onActivated: root.model.statusFilter = currentValue
                Accessible.name: qsTr("Filter by status", "@label")
            }
            ComboBox {
                width: 150
                textRole: "label"
                valueRole: "value"
                model: [
                    { value: "", label: qsTr("Any payment", "@item:inlistbox") },
                    { value: "pending", label: qsTr("Pending", "@item:inlistbox") },
                    { value: "authorized", label: qsTr("Authorised", "@item:inlistbox") },
                    { value: "paid", label: qsTr("Paid", "@item:inlistbox") },
                    { value: "partially_refunded", label: qsTr("Partly refunded", "@item:inlistbox") },
                    { value: "refunded", label: qsTr("Refunded", "@item:inlistbox") },
                    { value: "voided", label: qsTr("Voided", "@item:inlistbox") }
                ]
                onActivated: root.model.paymentFilter = currentValue
                Accessible.name: qsTr("Filter by payment", "@label")
            }
            ComboBox {
                width: 130
                model: [qsTr("Any channel", "@item:inlistbox")].concat(root.channels)
                onActivated: index => root.model.channelFilter = index === 0 ? "" : root.channels[index - 1]
                Accessible.name: qsTr("Filter by channel", "@label")
            }
            ComboBox {
                width: 130
                model: [qsTr("Any location", "@item:inlistbox")].concat(root.locations.map(l => l.code))
                onActivated: index => root.model.locationFilter = index === 0 ? 0 : root.locations[index - 1].id
                Accessible.name: qsTr("Filter by location", "@label")
            }
            // The column headings sort with the mouse; this does it from the keyboard.
            ComboBox {
                width: 170
                textRole: "label"
                model: [
                    { key: "placed", down: true, label: qsTr("Newest first", "@item:inlistbox sort") },
                    { key: "placed", down: false, label: qsTr("Oldest first", "@item:inlistbox sort") },
                    { key: "total", down: true, label: qsTr("Highest total", "@item:inlistbox sort") },
                    { key: "total", down: false, label: qsTr("Lowest total", "@item:inlistbox sort") },
                    { key: "number", down: true, label: qsTr("Highest number", "@item:inlistbox sort") },
                    { key: "number", down: false, label: qsTr("Lowest number", "@item:inlistbox sort") }
                ]
                currentIndex: ["placed", "total", "number"].indexOf(root.model.sortKey) * 2 + (root.model.sortDescending ? 0 : 1)
                onActivated: index => {
                    root.model.sortKey = model[index].key;
                    root.model.sortDescending = model[index].down;
                }
                Accessible.name: qsTr("Sort orders", "@label")
            }
            TextField {
                width: 110
                placeholderText: qsTr("From yyyy-mm-dd", "@info:placeholder")
                validator: RegularExpressionValidator { regularExpression: /^$|^\d{4}-\d{2}-\d{2}$/ }
                onEditingFinished: root.model.fromDate = text
                Accessible.name: qsTr("Placed from date", "@label")
            }
            TextField {
                width: 110
                placeholderText: qsTr("To yyyy-mm-dd", "@info:placeholder")
                validator: RegularExpressionValidator { regularExpression: /^$|^\d{4}-\d{2}-\d{2}$/ }
                onEditingFinished: root.model.toDate = text
                Accessible.name: qsTr("Placed until date", "@label")
            }
            Button {
                text: qsTr("New order…", "@action:button")
                enabled: root.writable
                onClicked: newOrderDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Enter an order by hand, e.g. taken on the phone (Ctrl+N)", "@info:tooltip")
                Accessible.name: qsTr("New order", "@action:button")
            }
            Button {
                text: qsTr("Import orders…", "@action:button")
                onClicked: importOrdersDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Import a shop platform's order export (Ctrl+Shift+I)", "@info:tooltip")
                Accessible.name: qsTr("Import orders from a file", "@action:button")
            }
            Button {
                text: qsTr("SKU aliases…", "@action:button")
                onClicked: skuAliasesDialog.openFor("")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Map the imported lines that name none of our products (Ctrl+Shift+M)", "@info:tooltip")
                Accessible.name: qsTr("SKU aliases and waiting lines", "@action:button")
            }
            Button {
                text: qsTr("Export…", "@action:button")
                onClicked: exportDialog.openFor("orders")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Export orders, stock, the ledger or products to a CSV file (Ctrl+Shift+E)", "@info:tooltip")
                Accessible.name: qsTr("Export to a file", "@action:button")
            }
            Button {
                id: pickListButton

                text: qsTr("Pick list…", "@action:button")
                enabled: !root.actions.busy && root.locations.length > 0
                onClicked: pickListMenu.open()
                Accessible.name: qsTr("Print the pick list of a location", "@action:button")

                Menu {
                    id: pickListMenu

                    y: pickListButton.height
                    Repeater {
                        model: root.locations
                        delegate: MenuItem {
                            required property var modelData

                            text: modelData.code
                            onTriggered: root.actions.printPickList(modelData.code)
                        }
                    }
                }
            }
            Label {
                height: search.height
                verticalAlignment: Text.AlignVCenter
                text: root.model.errorText.length > 0 ? root.model.errorText
                      : root.model.selectedCount > 0
                        ? qsTr("%1 selected · %n order(s)", "@info", root.model.totalCount).arg(root.model.selectedCount)
                        : root.model.totalCountCapped
                          ? qsTr("Showing %1 of more than %2 orders", "@info").arg(list.count).arg(Number(root.model.totalCount).toLocaleString(Qt.locale(), "f", 0))
                          : qsTr("Showing %1 of %n order(s)", "@info", root.model.totalCount).arg(list.count)
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
                        x: 10
                        spacing: 8

                        Item {
                            width: 18
                            height: 1
                        }
                        Repeater {
                            // Order, Placed and Total sort (click again to turn the order round).
                            model: [
                                { title: qsTr("Order", "@title:column"), sort: "number" },
                                { title: qsTr("Placed", "@title:column"), sort: "placed" },
                                { title: qsTr("Customer", "@title:column"), sort: "" },
                                { title: qsTr("Channel", "@title:column"), sort: "" },
                                { title: qsTr("Status", "@title:column"), sort: "" },
                                { title: qsTr("Payment", "@title:column"), sort: "" },
                                { title: qsTr("Units", "@title:column"), sort: "" },
                                { title: qsTr("Total", "@title:column"), sort: "total" }
                            ]
                            delegate: Label {
                                id: heading

                                required property var modelData
                                required property int index
                                readonly property bool sorted: heading.modelData.sort.length > 0 && heading.modelData.sort === root.model.sortKey

                                width: root.columns[index]
                                text: heading.modelData.title + (heading.sorted ? (root.model.sortDescending ? " ▼" : " ▲") : "")
                                font.bold: true
                                font.underline: heading.modelData.sort.length > 0 && hover.hovered
                                horizontalAlignment: index >= 6 ? Text.AlignRight : Text.AlignLeft
                                elide: Text.ElideRight
                                Accessible.role: heading.modelData.sort.length > 0 ? Accessible.ColumnHeader : Accessible.StaticText

                                HoverHandler {
                                    id: hover
                                    enabled: heading.modelData.sort.length > 0
                                    cursorShape: Qt.PointingHandCursor
                                }
                                TapHandler {
                                    enabled: heading.modelData.sort.length > 0
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
                    onCurrentIndexChanged: {
                        root.selected = root.model.get(currentIndex);
                        root.detail.number = root.selected.number || "";
                        root.actions.clearMessage();
                        root.presence.setFocus("order", String(root.selected.orderId), "viewing");
                    }
                    Accessible.name: qsTr("Orders", "@label")
                    Keys.onSpacePressed: root.model.toggleSelected(list.currentIndex)
                    Keys.onEscapePressed: root.model.clearSelection()
                    Keys.onPressed: event => {
                        if ((event.modifiers & Qt.ShiftModifier) && (event.key === Qt.Key_Down || event.key === Qt.Key_Up)) {
                            const next = Math.max(0, Math.min(list.count - 1, list.currentIndex + (event.key === Qt.Key_Down ? 1 : -1)));
                            root.model.selectRange(list.currentIndex, next);
                            list.currentIndex = next;
                            event.accepted = true;
                        }
                    }

                    delegate: OrderDelegate {
                        width: ListView.view.width
                        columns: root.columns
                        onToggled: root.model.toggleSelected(index)
                        onClicked: {
                            list.currentIndex = index;
                            list.forceActiveFocus();
                        }
                    }
                }
            }
        }

        OrderDetailPane {
            Layout.preferredWidth: Math.max(290, Math.min(400, root.width * 0.24))
            Layout.fillHeight: true
            visible: root.width > 1000
            detail: root.detail
            actions: root.actions
            model: root.model
            order: root.selected
            canWrite: root.writable
            canShip: root.canShip
            canCancel: root.canCancel
            onPayRequested: root.actions.pay(root.targets())
            onReleaseRequested: root.actions.release(root.targets())
            onHoldRequested: holdDialog.open()
            onUnholdRequested: root.actions.unhold(root.targets())
            onPackRequested: root.pack()
            onShipRequested: root.ship()
            onLabelsRequested: root.actions.printLabels(root.targets())
            onPrintRequested: root.actions.printLabelsOnPrinter(root.targets())
            onRefundRequested: refundDialog.open()
            onCancelRequested: cancelDialog.open()
            onReturnRequested: {
                returnDialog.mode = "create";
                returnDialog.orderNumber = root.selected.number;
                returnDialog.orderLines = root.detail.lines;
                returnDialog.open();
            }
            onReceiveReturnRequested: rma => {
                returnDialog.mode = "receive";
                returnDialog.rma = rma;
                returnDialog.open();
            }
                        onRefundReturnRequested: rmaNumber => root.actions.refundReturn(rmaNumber)
            onCancelReturnRequested: rmaNumber => root.actions.cancelReturn(rmaNumber)
            onTrackingRequested: tracking => {
                trackingDialog.tracking = tracking;
                trackingDialog.open();
            }
            onMapRequested: number => skuAliasesDialog.openFor(number)
        }
    }
}
