// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// The managers' view: orders and stock in four figures, then six panels read from live data and refreshed by the
// change feed: sales per week with its trend, forecast against actual, stock value per location, stock-out
// risks, top movers and slow movers. Replenish… (Ctrl+Shift+R) opens the suggestions.
Page {
    id: root
    Accessible.name: qsTr("Dashboard", "@title:tab")

    required property Session session
    /** "replenish" opens the suggestions at start (screenshots). */
    property string initialDialog
    readonly property DashboardModel dashboard: root.session.dashboard

    /** Open a product in another view: "inventory" or "forecast" (at a location, or all when empty). */
    signal openProduct(string view, string sku, int productId, string locationCode)

    function replenish(): void {
        if (!root.session.isManager)
            return;
        replenishDialog.open();
    }

    padding: 12

    Binding {
        target: root.dashboard
        property: "active"
        value: root.visible
    }
    Connections {
        target: root.dashboard
        function onLoaded(): void {
            if (root.initialDialog === "replenish") {
                root.initialDialog = "";
                root.replenish();
            }
        }
    }
    Shortcut {
        sequence: "Ctrl+Shift+R"
        enabled: root.visible && !replenishDialog.visible
        onActivated: root.replenish()
    }

    ReplenishmentDialog {
        id: replenishDialog

        anchors.centerIn: parent
        session: root.session
    }

    component Tile: Frame {
        id: tile

        property string label
        property string value
        property string hint

        Layout.fillWidth: true
        Layout.preferredWidth: 10
        Layout.preferredHeight: 74
        padding: 8

        ColumnLayout {
            anchors.fill: parent
            spacing: 0

            Label {
                Layout.fillWidth: true
                text: tile.label
                opacity: 0.7
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: tile.value
                font.pixelSize: Math.round(22 * InterfaceSettings.fontScale)
                font.bold: true
                // A figure is never cut: in a narrow tile it gets smaller first.
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: Math.round(14 * InterfaceSettings.fontScale)
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: tile.hint
                opacity: 0.6
                font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                elide: Text.ElideRight
            }
        }
    }

    component Panel: Frame {
        id: panel

        property string title
        property string note
        default property alias content: body.data
        /** Buttons beside the title. */
        property alias tools: toolRow.data

        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 10
        Layout.preferredHeight: 10
        padding: 8

        ColumnLayout {
            anchors.fill: parent
            spacing: 4

            RowLayout {
                Layout.fillWidth: true
                spacing: 6

                Label {
                    Layout.fillWidth: true
                    text: panel.title
                    font.bold: true
                    font.pixelSize: Math.round(14 * InterfaceSettings.fontScale)
                    elide: Text.ElideRight
                }
                RowLayout {
                    id: toolRow

                    spacing: 4
                }
            }
            Item {
                id: body

                Layout.fillWidth: true
                Layout.fillHeight: true
            }
            Label {
                Layout.fillWidth: true
                visible: panel.note.length > 0
                text: panel.note
                font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                opacity: 0.8
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
            }
        }
    }

    /** Where a chart would be, once the figures are in and there is nothing to draw. */
    component EmptyNote: Label {
        property bool shown

        anchors.centerIn: parent
        width: parent.width - 20
        visible: shown
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        opacity: 0.6
    }

    /** A small table: a header row and a list whose rows open their product (Enter or a click). */
    component ProductList: ColumnLayout {
        id: table

        property var rows: []
        /** [{title, key, width (0: the rest), align: "right"|"left", colorKey}] */
        property var columns: []
        property string emptyText
        property bool loaded
        /** Each column's width: the one asked for, never narrower than its heading (0 stays: it takes the rest). */
        readonly property var widths: table.columns.map(c => c.width === 0 ? 0
                                                        : Math.max(c.width, Math.ceil(headingMetrics.advanceWidth(c.title)) + 2))

        /** A row was chosen: its product (and location, if the row has one). */
        signal chosen(string sku, int productId, string locationCode)

        function open(row: int): void {
            const entry = table.rows[row];
            if (entry)
                table.chosen(entry.sku, entry.productId, entry.location || "");
        }

        anchors.fill: parent
        spacing: 2

        // Measures the headings in the font they are drawn in.
        Label {
            id: headingFont

            visible: false
            font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
        }
        FontMetrics {
            id: headingMetrics

            font: headingFont.font
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 4
            Layout.rightMargin: 4
            spacing: 6

            Repeater {
                model: table.columns

                delegate: Label {
                    required property var modelData
                    required property int index

                    Layout.fillWidth: modelData.width === 0
                    Layout.preferredWidth: modelData.width === 0 ? 40 : table.widths[index]
                    text: modelData.title
                    horizontalAlignment: modelData.align === "right" ? Text.AlignRight : Text.AlignLeft
                    font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                    opacity: 0.6
                    elide: Text.ElideRight
                }
            }
        }
        ListView {
            id: rowsView

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: table.rows
            activeFocusOnTab: true
            keyNavigationEnabled: true
            boundsBehavior: Flickable.StopAtBounds
            currentIndex: -1
            Keys.onReturnPressed: table.open(rowsView.currentIndex)
            Keys.onEnterPressed: table.open(rowsView.currentIndex)
            onActiveFocusChanged: {
                if (activeFocus && currentIndex < 0 && count > 0)
                    currentIndex = 0;
            }
            ScrollBar.vertical: ScrollBar {}

            // The ring shows where the keyboard is even when the list is empty.
            FocusRing {
                parent: rowsView
                target: rowsView
                anchors.margins: 0 // inside: the list clips
            }

            delegate: ItemDelegate {
                id: line

                required property var modelData
                required property int index

                width: ListView.view.width
                height: 22
                padding: 0
                leftPadding: 4
                rightPadding: 4
                highlighted: ListView.isCurrentItem && rowsView.activeFocus
                onClicked: {
                    rowsView.currentIndex = line.index;
                    table.open(line.index);
                }
                ToolTip.visible: hovered && line.modelData.name !== undefined
                ToolTip.delay: 600
                ToolTip.text: line.modelData.name || ""

                contentItem: RowLayout {
                    spacing: 6

                    Repeater {
                        model: table.columns

                        delegate: Label {
                            required property var modelData
                            required property int index

                            Layout.fillWidth: modelData.width === 0
                            Layout.preferredWidth: modelData.width === 0 ? 40 : table.widths[index]
                            text: String(line.modelData[modelData.key] ?? "")
                            horizontalAlignment: modelData.align === "right" ? Text.AlignRight : Text.AlignLeft
                            font.bold: modelData.bold === true
                            color: modelData.colorKey ? (line.modelData[modelData.colorKey] ? "#2e7d32" : "#b00020")
                                                      : line.palette.windowText
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 20
                visible: rowsView.count === 0 && table.loaded
                text: table.emptyText
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                opacity: 0.6
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        RowLayout {
            Layout.fillWidth: true
            spacing: 10

            Tile {
                label: qsTr("Open orders", "@label")
                value: root.dashboard.openOrders.toLocaleString(Qt.locale(), "f", 0)
                hint: qsTr("%n backordered", "@info", root.dashboard.backorderedOrders)
            }
            Tile {
                label: qsTr("Shipped orders", "@label")
                value: root.dashboard.shippedOrders.toLocaleString(Qt.locale(), "f", 0)
                hint: qsTr("all time", "@info")
            }
            Tile {
                label: qsTr("Units available", "@label")
                value: root.dashboard.unitsAvailable.toLocaleString(Qt.locale(), "f", 0)
                hint: qsTr("of %1 on hand", "@info").arg(root.dashboard.unitsOnHand.toLocaleString(Qt.locale(), "f", 0))
            }
            Tile {
                label: qsTr("Stock value", "@label")
                value: root.dashboard.stockValue
                hint: qsTr("%n stock line(s) sold out", "@info", root.dashboard.levelsOut)
            }
            Tile {
                label: qsTr("Stock-out risks", "@label")
                value: root.dashboard.insightsLoaded ? root.dashboard.riskCount.toLocaleString(Qt.locale(), "f", 0) : "…"
                hint: qsTr("cover shorter than the lead time", "@info")
            }
        }

        Label {
            Layout.fillWidth: true
            visible: root.dashboard.insightsError.length > 0
            text: qsTr("The planning figures could not be read: %1", "@info").arg(root.dashboard.insightsError)
            color: "#b00020"
            wrapMode: Text.WordWrap
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: 3
            rowSpacing: 10
            columnSpacing: 10

            Panel {
                title: qsTr("Sales per week", "@title")
                note: root.dashboard.salesText

                EmptyNote {
                    shown: root.dashboard.insightsLoaded && root.dashboard.weeklySales.length === 0
                    text: qsTr("No whole week of sales yet.", "@info")
                }
                DashboardLineChart {
                    anchors.fill: parent
                    visible: root.dashboard.weeklySales.length > 0
                    points: root.dashboard.weeklySales
                    lines: [
                        { key: "units", name: qsTr("Units ordered", "@label chart series"), color: "#1565c0", dashed: false },
                        { key: "trend", name: qsTr("Trend", "@label chart series"), color: "#ef6c00", dashed: true }
                    ]
                }
            }
            Panel {
                title: qsTr("Forecast vs actual, all products", "@title")
                note: root.dashboard.accuracyText

                EmptyNote {
                    shown: root.dashboard.insightsLoaded && root.dashboard.forecastAccuracy.length === 0
                    text: qsTr("Nothing to compare yet.", "@info")
                }
                DashboardLineChart {
                    anchors.fill: parent
                    visible: root.dashboard.forecastAccuracy.length > 0
                    points: root.dashboard.forecastAccuracy
                    lines: [
                        { key: "actual", name: qsTr("Actual units", "@label chart series"), color: "#1565c0", dashed: false },
                        { key: "forecast", name: qsTr("Forecast 4 weeks before", "@label chart series"), color: "#8e24aa", dashed: true }
                    ]
                }
            }
            Panel {
                title: qsTr("Stock value by location", "@title")
                note: root.dashboard.insightsLoaded
                      ? qsTr("%1 in all, at moving-average cost", "@info").arg(root.dashboard.stockValue) : ""

                EmptyNote {
                    shown: root.dashboard.insightsLoaded && root.dashboard.stockByLocation.length === 0
                    text: qsTr("No stock on hand.", "@info")
                }
                DashboardBarChart {
                    anchors.fill: parent
                    bars: root.dashboard.stockByLocation.map(l => ({
                        label: l.code,
                        hint: qsTr("%n unit(s)", "@info", l.units) + " · " + l.share,
                        value: l.valueCents,
                        text: l.value
                    }))
                }
            }
            Panel {
                title: qsTr("Stock-out risk (%1)", "@title number of levels").arg(root.dashboard.riskCount.toLocaleString(Qt.locale(), "f", 0))
                note: qsTr("Cover: days that stock + on order + in transit last at the last 4 weeks' rate. Enter opens the forecast.", "@info")
                tools: Button {
                    Layout.preferredHeight: 26
                    topPadding: 2
                    bottomPadding: 2
                    text: qsTr("Replenish…", "@action:button")
                    visible: root.session.isManager // replenishment decisions are a manager's
                    highlighted: root.dashboard.riskCount > 0
                    onClicked: root.replenish()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Purchase and transfer suggestions, created as drafts (Ctrl+Shift+R)", "@info:tooltip")
                    Accessible.name: qsTr("Replenish", "@action:button")

                    FocusRing {}
                }

                ProductList {
                    loaded: root.dashboard.insightsLoaded
                    rows: root.dashboard.stockOutRisks
                    onChosen: (sku, productId, locationCode) => root.openProduct("forecast", sku, productId, locationCode)
                    emptyText: qsTr("No location runs out before a delivery could arrive.", "@info")
                    columns: [
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 0, bold: true },
                        { title: qsTr("Loc.", "@title:column location"), key: "location", width: 58 },
                        { title: qsTr("Cover d", "@title:column days of cover"), key: "coverText", width: 52, align: "right" },
                        { title: qsTr("Lead d", "@title:column lead time in days"), key: "leadTimeText", width: 46, align: "right" },
                        { title: qsTr("Out", "@title:column expected stock-out day"), key: "outText", width: 50, align: "right" }
                    ]
                }
            }
            Panel {
                title: qsTr("Top movers, last 30 days", "@title")
                note: qsTr("Units ordered, and the change against the 30 days before.", "@info")

                ProductList {
                    loaded: root.dashboard.insightsLoaded
                    rows: root.dashboard.topMovers
                    onChosen: (sku, productId) => root.openProduct("inventory", sku, productId, "")
                    emptyText: qsTr("Nothing ordered in the last 30 days.", "@info")
                    columns: [
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 86, bold: true },
                        { title: qsTr("Product", "@title:column"), key: "name", width: 0 },
                        { title: qsTr("Units", "@title:column"), key: "unitsText", width: 52, align: "right" },
                        { title: qsTr("Change", "@title:column"), key: "change", width: 56, align: "right", colorKey: "rising" }
                    ]
                }
            }
            Panel {
                title: qsTr("Slow movers (%1)", "@title number of products").arg(root.dashboard.slowCount.toLocaleString(Qt.locale(), "f", 0))
                note: root.dashboard.insightsLoaded
                      ? qsTr("In stock, no order for 60 days or more: %1 tied up.", "@info").arg(root.dashboard.slowValue) : ""

                ProductList {
                    loaded: root.dashboard.insightsLoaded
                    rows: root.dashboard.slowMovers
                    onChosen: (sku, productId) => root.openProduct("inventory", sku, productId, "")
                    emptyText: qsTr("Every product in stock sold in the last 60 days.", "@info")
                    columns: [
                        { title: qsTr("SKU", "@title:column"), key: "sku", width: 0, bold: true },
                        { title: qsTr("Value", "@title:column stock value"), key: "value", width: 74, align: "right" },
                        { title: qsTr("Since", "@title:column last sale"), key: "since", width: 130, align: "right" }
                    ]
                }
            }
        }
    }
}
