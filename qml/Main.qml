// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

ApplicationWindow {
    id: root

    required property Session session
    required property ConnectionSettings connectionSettings
    property string initialView: "orders"
    property string initialSearch
    property string initialDialog
    property string initialProduct
    readonly property var views: ["orders", "inventory", "receiving", "transfers", "counts", "channels", "forecast", "dashboard", "audit"]
    /** Views a role may open: forecasting and the audit trail are for managers (the services refuse them too). */
    function allowed(name: string): bool {
        return (name !== "forecast" && name !== "audit") || root.session.isManager;
    }

    function showView(name: string): void {
        const index = root.views.indexOf(name);
        if (index >= 0 && root.allowed(name))
            navigation.currentIndex = index;
    }

    visible: true
    minimumWidth: 900
    minimumHeight: 600
    title: qsTr("Stockroom", "@title:window")
    font: InterfaceSettings.font

    Component.onCompleted: {
        root.showView(root.initialView);
        if (root.initialDialog === "connection")
            connectionDialog.open();
        else if (root.initialDialog === "users")
            usersDialog.open();
        else if (root.initialDialog === "help")
            helpOverlay.open();
        else if (root.initialDialog === "settings")
            settingsDialog.open();
    }

    Shortcut {
        sequence: "F5"
        onActivated: root.session.refresh()
    }
    Shortcut {
        sequence: "Ctrl+Shift+D"
        onActivated: connectionDialog.open()
    }
    Shortcut {
        sequence: "F1"
        onActivated: helpOverlay.visible ? helpOverlay.close() : helpOverlay.open()
    }
    Shortcut {
        sequence: "Ctrl+,"
        onActivated: settingsDialog.open()
    }

    HelpOverlay {
        id: helpOverlay

        objectName: "helpOverlay"
        anchors.centerIn: parent
        currentView: root.views[navigation.currentIndex] ?? ""
    }
    SettingsDialog {
        id: settingsDialog

        objectName: "settingsDialog"
        anchors.centerIn: parent
        // Figures the models formatted in the old language are written again.
        onLanguageApplied: root.session.refresh()
    }

    // A document opened from another view (a reference in a product's ledger): its view, with it selected.
    Connections {
        target: root.session
        function onOpenDocument(kind: string, number: string): void {
            if (kind === "order") {
                root.session.orders.searchText = number;
                root.showView("orders");
            } else if (kind === "purchase_order") {
                root.session.documents.purchaseOrders.currentNumber = number;
                root.showView("receiving");
            } else if (kind === "transfer") {
                root.session.documents.transfers.currentNumber = number;
                root.showView("transfers");
            } else if (kind === "count") {
                root.session.documents.counts.currentNumber = number;
                root.showView("counts");
            }
        }
    }

    ConnectionDialog {
        id: connectionDialog

        anchors.centerIn: parent
        settings: root.connectionSettings
    }
    Shortcut {
        sequence: "Ctrl+1"
        onActivated: root.showView("orders")
    }
    Shortcut {
        sequence: "Ctrl+2"
        onActivated: root.showView("inventory")
    }
    Shortcut {
        sequence: "Ctrl+3"
        onActivated: root.showView("receiving")
    }
    Shortcut {
        sequence: "Ctrl+4"
        onActivated: root.showView("transfers")
    }
    Shortcut {
        sequence: "Ctrl+5"
        onActivated: root.showView("counts")
    }
    Shortcut {
        sequence: "Ctrl+6"
        onActivated: root.showView("forecast")
    }
    Shortcut {
        sequence: "Ctrl+7"
        onActivated: root.showView("dashboard")
    }
    Shortcut {
        sequence: "Ctrl+8"
        onActivated: root.showView("channels")
    }
    Shortcut {
        sequence: "Ctrl+9"
        onActivated: root.showView("audit")
    }

    UsersDialog {
        id: usersDialog

        anchors.centerIn: parent
        session: root.session
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            spacing: 12

            Label {
                text: qsTr("Stockroom", "@title")
                font.bold: true
                font.pixelSize: Math.round(18 * InterfaceSettings.fontScale)
            }
            Label {
                Layout.fillWidth: true
                text: navigation.currentItem ? (navigation.currentItem as NavigationButton).text : ""
                font.pixelSize: Math.round(16 * InterfaceSettings.fontScale)
                elide: Text.ElideRight
            }
            BusyIndicator {
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
                running: root.session.orders.loading || root.session.inventory.loading || root.session.dashboard.loading
            }
            Label {
                objectName: "signedInAs"
                text: root.session.unclaimed
                      ? qsTr("No users yet (administrator)", "@info:status")
                      : qsTr("%1 · %2", "@info:status user · role").arg(root.session.userName).arg(root.session.roleText)
                opacity: 0.8
            }
            ToolButton {
                objectName: "usersButton"
                text: root.session.isAdmin ? qsTr("Users…", "@action:button") : qsTr("Password…", "@action:button")
                visible: !root.session.unclaimed || root.session.isAdmin
                onClicked: usersDialog.open()
                Accessible.name: root.session.isAdmin ? qsTr("Users and roles", "@action:button") : qsTr("Change my password", "@action:button")
            }
            ToolButton {
                text: qsTr("Sign out", "@action:button")
                visible: !root.session.unclaimed
                onClicked: root.session.signOut()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Forget this desktop's sign-in and quit", "@info:tooltip")
                Accessible.name: text
            }
            ToolButton {
                text: qsTr("Connection…", "@action:button")
                onClicked: connectionDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Choose the database (Ctrl+Shift+D)", "@info:tooltip")
                Accessible.name: qsTr("Database connection", "@action:button")
            }
            ToolButton {
                objectName: "settingsButton"
                text: qsTr("Settings…", "@action:button")
                onClicked: settingsDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Language and text size (Ctrl+,)", "@info:tooltip")
                Accessible.name: qsTr("Settings", "@action:button")
            }
            ToolButton {
                objectName: "helpButton"
                text: qsTr("Help", "@action:button")
                onClicked: helpOverlay.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Keyboard shortcuts (F1)", "@info:tooltip")
                Accessible.name: qsTr("Keyboard shortcuts", "@action:button")
            }
            ToolButton {
                text: qsTr("Refresh", "@action:button")
                icon.name: "view-refresh"
                onClicked: root.session.refresh()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Reload every view (F5)", "@info:tooltip")
                Accessible.name: text
            }
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12

            Label {
                Layout.fillWidth: true
                text: root.session.errorText.length > 0
                      ? qsTr("Database problem: %1", "@info:status").arg(root.session.errorText)
                      : qsTr("%1 · %2", "@info:status engine · database").arg(root.session.engineName).arg(root.session.databaseName)
                color: root.session.errorText.length > 0 ? "#b00020" : palette.windowText
                elide: Text.ElideMiddle
            }
            Label {
                visible: root.session.presence.othersOnline > 0
                text: qsTr("%n other desktop(s) online", "@info:status", root.session.presence.othersOnline)
                opacity: 0.7
            }
            Label {
                text: root.session.live ? qsTr("● Live", "@info:status live refresh on")
                                        : qsTr("○ Not live", "@info:status live refresh off")
                color: root.session.live ? "#2e7d32" : "#b00020"
                Accessible.name: root.session.live ? qsTr("Live refresh on", "@info") : qsTr("Live refresh off", "@info")
            }
            Label {
                text: root.session.orders.totalCountCapped
                      ? qsTr("more than %1 orders", "@info:status").arg(Number(root.session.orders.totalCount).toLocaleString(Qt.locale(), "f", 0))
                      : qsTr("%n order(s)", "@info:status", root.session.orders.totalCount)
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            Layout.fillHeight: true
            Layout.preferredWidth: 200
            padding: 0
            background: Rectangle {
                color: Qt.darker(root.palette.window, 1.06)
            }

            ListView {
                id: navigation

                anchors.fill: parent
                anchors.topMargin: 8
                focus: true
                keyNavigationEnabled: true
                model: [
                    { name: "orders", label: qsTr("Orders", "@title:tab"), key: "Ctrl+1" },
                    { name: "inventory", label: qsTr("Inventory", "@title:tab"), key: "Ctrl+2" },
                    { name: "receiving", label: qsTr("Receiving", "@title:tab"), key: "Ctrl+3" },
                    { name: "transfers", label: qsTr("Transfers", "@title:tab"), key: "Ctrl+4" },
                    { name: "counts", label: qsTr("Counts", "@title:tab stock counts"), key: "Ctrl+5" },
                    { name: "channels", label: qsTr("Channels", "@title:tab sales channels' stock feeds"), key: "Ctrl+8" },
                    { name: "forecast", label: qsTr("Forecast", "@title:tab"), key: "Ctrl+6" },
                    { name: "dashboard", label: qsTr("Dashboard", "@title:tab"), key: "Ctrl+7" },
                    { name: "audit", label: qsTr("Audit", "@title:tab who did what"), key: "Ctrl+9" }
                ]
                delegate: NavigationButton {
                    required property var modelData
                    required property int index

                    width: ListView.view.width
                    // Hidden, not disabled: a clerk's list has only what a clerk can use.
                    visible: root.allowed(modelData.name)
                    height: visible ? implicitHeight : 0
                    text: modelData.label
                    shortcutText: modelData.key
                    checked: ListView.isCurrentItem
                    onClicked: navigation.currentIndex = index
                }
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: navigation.currentIndex

            OrdersPage {
                model: root.session.orders
                actions: root.session.orderActions
                presence: root.session.presence
                detail: root.session.orderDetail
                importer: root.session.orderImport
                aliases: root.session.skuAliases
                newOrder: root.session.newOrder
                initialLines: root.initialView === "orders" ? root.initialProduct : ""
                planner: root.session.replenishment
                exporter: root.session.exports
                channels: root.session.channels
                locations: root.session.locations
                writable: root.session.live
                initialSearch: root.initialView === "orders" ? root.initialSearch : ""
                initialDialog: root.initialView === "orders" ? root.initialDialog : ""
            }
            InventoryPage {
                session: root.session
                initialSearch: root.initialSearch
                initialProduct: root.initialProduct
                initialDialog: root.initialView === "inventory" ? root.initialDialog : ""
            }
            ReceivingPage {
                documents: root.session.documents
                locations: root.session.locations
                setup: root.session.product
                writable: root.session.live
                initialDialog: root.initialView === "receiving" ? root.initialDialog : ""
            }
            TransfersPage {
                documents: root.session.documents
                locations: root.session.locations
                writable: root.session.live
                initialDialog: root.initialView === "transfers" ? root.initialDialog : ""
            }
            CountsPage {
                documents: root.session.documents
                mayApprove: root.session.isManager
                locations: root.session.locations
                writable: root.session.live
                initialDialog: root.initialView === "counts" ? root.initialDialog : ""
            }
            ChannelsPage {
                controller: root.session.channelFeeds
                locations: root.session.locations
                writable: root.session.live
                initialDialog: root.initialView === "channels" ? root.initialDialog : ""
            }
            ForecastPage {
                controller: root.session.forecast
                locations: root.session.locations
                writable: root.session.live
            }
            DashboardPage {
                session: root.session
                initialDialog: root.initialView === "dashboard" ? root.initialDialog : ""
                onOpenProduct: (view, sku, productId, locationCode) => {
                    if (view === "forecast") {
                        root.session.forecast.locationCode = locationCode;
                        root.session.forecast.sku = sku;
                    } else {
                        root.session.product.open(sku, productId);
                    }
                    root.showView(view);
                }
            }
            AuditPage {
                controller: root.session.audit
            }
        }
    }
}
