// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Replenishment suggestions: purchases grouped per supplier and transfers between locations, each with the
// planner's reason, for one location or all at a service level and review period. Ticked ones become drafts
// (one purchase order per supplier and location, one transfer per route), listed with links to open them.
Dialog {
    id: root

    required property Session session
    readonly property ReplenishmentController planner: root.session.replenishment
    readonly property var serviceLevels: [90, 95, 97.5, 99, 99.5]

    function percentText(value: real): string {
        return qsTr("%1 %", "@item:inlistbox service level in percent").arg(Number(value).toLocaleString(Qt.locale(), "f", value % 1 === 0 ? 0 : 1));
    }
    function openDocument(link: string): void {
        const parts = link.split(":");
        root.session.showDocument(parts[0], parts[1]);
        root.close();
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(1120, parent ? parent.width - 32 : 1120)
    height: parent ? parent.height - 32 : 700
    padding: 12
    title: qsTr("Replenish", "@title:window")
    onOpened: {
        root.planner.start();
        list.forceActiveFocus();
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        // In the dialog's content: a Shortcut needs an item to know its window.
        Shortcut {
            sequences: ["Ctrl+Return", "Ctrl+Enter"]
            enabled: root.opened && root.planner.selectedCount > 0 && !root.planner.busy
            onActivated: root.planner.createDrafts()
        }
        Shortcut {
            sequence: "F5"
            enabled: root.opened
            onActivated: root.planner.reload()
        }
        Shortcut {
            sequence: "Ctrl+A"
            enabled: root.opened && list.activeFocus
            onActivated: root.planner.selectAll(true)
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            Label {
                text: qsTr("Location:", "@label:listbox")
            }
            ComboBox {
                id: locationBox

                Layout.preferredWidth: 150
                model: [qsTr("All locations", "@item:inlistbox")].concat(root.session.locations.map(l => l.code))
                currentIndex: {
                    const index = root.session.locations.findIndex(l => l.id === root.planner.locationId);
                    return index + 1;
                }
                onActivated: index => root.planner.locationId = index === 0 ? 0 : root.session.locations[index - 1].id
                Accessible.name: qsTr("Location", "@label")
            }
            Label {
                text: qsTr("Service level:", "@label:listbox")
            }
            ComboBox {
                id: serviceLevel

                Layout.preferredWidth: 100
                model: root.serviceLevels.map(v => root.percentText(v))
                currentIndex: Math.max(0, root.serviceLevels.indexOf(root.planner.serviceLevel))
                onActivated: index => root.planner.serviceLevel = root.serviceLevels[index]
                Accessible.name: qsTr("Service level", "@label")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Chance of not running out before the next delivery", "@info:tooltip")
            }
            Label {
                text: qsTr("Review every:", "@label:spinbox")
            }
            SpinBox {
                id: review

                Layout.preferredWidth: 110
                from: 0
                to: 90
                editable: true
                value: root.planner.reviewDays
                textFromValue: (value, locale) => qsTr("%n day(s)", "@item:valuesuffix", value)
                valueFromText: (text, locale) => parseInt(text) || 0
                onValueModified: root.planner.reviewDays = value
                Accessible.name: qsTr("Review period in days", "@label")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("How often replenishment orders are placed (0: whenever needed)", "@info:tooltip")
            }
            Button {
                text: qsTr("Recalculate", "@action:button")
                enabled: !root.planner.loading
                onClicked: root.planner.reload()
                ToolTip.visible: hovered
                ToolTip.text: "F5"
            }
            BusyIndicator {
                Layout.preferredWidth: 26
                Layout.preferredHeight: 26
                running: root.planner.loading || root.planner.busy
            }
            Item {
                Layout.fillWidth: true
            }
        }
        Label {
            Layout.fillWidth: true
            text: root.planner.loading ? qsTr("Planning…", "@info:status") : root.planner.summary
            opacity: 0.75
            elide: Text.ElideRight
        }

        Label {
            Layout.fillWidth: true
            visible: root.planner.stale && !root.planner.loading
            text: qsTr("Stock, orders or documents changed since these suggestions were computed: Recalculate (F5).", "@info")
            color: "#b45f06"
            wrapMode: Text.WordWrap
        }

        Frame {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: 0

            ListView {
                id: list

                anchors.fill: parent
                clip: true
                focus: true
                activeFocusOnTab: true
                keyNavigationEnabled: true
                boundsBehavior: Flickable.StopAtBounds
                model: root.planner
                ScrollBar.vertical: ScrollBar {}
                Keys.onSpacePressed: root.planner.toggle(list.currentIndex)
                Accessible.name: qsTr("Suggestions", "@label")

                delegate: ItemDelegate {
                    id: row

                    required property int index
                    required property string suggestionId
                    required property string kind
                    required property string groupTitle
                    required property bool firstInGroup
                    required property string sku
                    required property string name
                    required property string location
                    required property int qty
                    required property string value
                    required property string reason
                    required property string detail
                    required property bool supplierKnown
                    required property bool selected
                    required property bool selectable
                    required property bool created

                    width: ListView.view.width
                    padding: 0
                    highlighted: ListView.isCurrentItem && list.activeFocus
                    onClicked: {
                        list.currentIndex = row.index;
                        root.planner.toggle(row.index);
                    }
                    Accessible.name: qsTr("%1 %2 at %3: %4", "@info sku, qty, location, reason").arg(row.sku).arg(row.qty).arg(row.location).arg(row.reason)

                    contentItem: ColumnLayout {
                        spacing: 0

                        Rectangle {
                            Layout.fillWidth: true
                            Layout.preferredHeight: 30
                            visible: row.firstInGroup
                            color: Qt.darker(root.palette.window, 1.08)

                            Label {
                                anchors.fill: parent
                                anchors.leftMargin: 10
                                verticalAlignment: Text.AlignVCenter
                                text: row.groupTitle
                                font.bold: true
                                elide: Text.ElideRight
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            Layout.leftMargin: 4
                            Layout.rightMargin: 10
                            Layout.topMargin: 2
                            spacing: 8

                            CheckBox {
                                checked: row.selected
                                enabled: row.selectable
                                focusPolicy: Qt.NoFocus
                                onClicked: {
                                    list.currentIndex = row.index;
                                    root.planner.setSelected(row.index, checked);
                                }
                                Accessible.name: qsTr("Include %1", "@action:check sku").arg(row.sku)
                            }
                            Label {
                                Layout.preferredWidth: 110
                                text: row.sku
                                font.bold: true
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.fillWidth: true
                                text: row.name
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.preferredWidth: 150
                                text: row.location
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.preferredWidth: 70
                                horizontalAlignment: Text.AlignRight
                                text: row.kind === "move" ? qsTr("move %1", "@info units to transfer").arg(Number(row.qty).toLocaleString(Qt.locale(), "f", 0))
                                                          : qsTr("buy %1", "@info units to purchase").arg(Number(row.qty).toLocaleString(Qt.locale(), "f", 0))
                                font.bold: true
                            }
                            Label {
                                Layout.preferredWidth: 90
                                horizontalAlignment: Text.AlignRight
                                text: row.value
                            }
                            Label {
                                Layout.preferredWidth: 96
                                horizontalAlignment: Text.AlignRight
                                text: row.created ? qsTr("✓ in a draft", "@info suggestion created as a draft")
                                                  : !row.supplierKnown ? qsTr("no supplier", "@info") : ""
                                color: row.created ? "#2e7d32" : "#b45f06"
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.leftMargin: 48
                            Layout.rightMargin: 10
                            text: row.reason
                            wrapMode: Text.WordWrap
                            font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                            opacity: row.created ? 0.5 : 0.85
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.leftMargin: 48
                            Layout.rightMargin: 10
                            Layout.bottomMargin: 4
                            visible: row.detail.length > 0
                            text: row.detail
                            font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                            opacity: 0.55
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 40
                visible: list.count === 0 && root.planner.loaded && !root.planner.loading && root.planner.message.length === 0
                text: qsTr("Nothing to replenish: every location is covered at this service level.", "@info")
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                opacity: 0.7
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: root.planner.needsSupplier
            spacing: 8

            Label {
                text: qsTr("Order the products without a supplier from:", "@label:listbox")
            }
            ComboBox {
                Layout.preferredWidth: 260
                model: root.planner.suppliers
                currentIndex: Math.max(0, root.planner.suppliers.indexOf(root.planner.supplierForUnknown))
                onActivated: index => root.planner.supplierForUnknown = root.planner.suppliers[index]
                Accessible.name: qsTr("Supplier for products never ordered", "@label")
            }
        }

        Label {
            Layout.fillWidth: true
            visible: root.planner.message.length > 0
            text: root.planner.message
            color: "#b00020"
            font.bold: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
        }

        Label {
            Layout.fillWidth: true
            visible: root.planner.created.length > 0
            text: qsTr("Drafts created (check them, then order or request them): %1", "@info a list of links").arg(
                      root.planner.created.map(d => "<a href=\"" + d.kind + ":" + d.number + "\">" + d.number + "</a>"
                                               + d.text.substring(d.number.length)).join(" · "))
            textFormat: Text.StyledText
            wrapMode: Text.WordWrap
            color: "#2e7d32"
            onLinkActivated: link => root.openDocument(link)
            Accessible.role: Accessible.StaticText

            HoverHandler {
                cursorShape: parent.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.ArrowCursor
            }
        }

        // The same promise as at order entry: what a customer can be told for a quantity of a product.
        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            Label {
                text: qsTr("Can we promise:", "@label")
            }
            TextField {
                id: promiseSku

                Layout.preferredWidth: 130
                placeholderText: qsTr("SKU", "@info:placeholder")
                Accessible.name: qsTr("SKU to promise", "@label")
            }
            SpinBox {
                id: promiseQty

                Layout.preferredWidth: 100
                from: 1
                to: 100000
                value: 1
                editable: true
                Accessible.name: qsTr("Quantity to promise", "@label")
            }
            PromiseLine {
                Layout.fillWidth: true
                planner: root.planner
                sku: promiseSku.text
                qty: promiseQty.value
                location: locationBox.currentIndex > 0 ? locationBox.currentText : ""
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            text: root.planner.selectableCount > 0 && root.planner.selectedCount === root.planner.selectableCount
                  ? qsTr("Select none", "@action:button") : qsTr("Select all", "@action:button")
            enabled: root.planner.selectableCount > 0
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.planner.selectAll(root.planner.selectedCount < root.planner.selectableCount)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Tick or clear every suggestion (Ctrl+A in the list; Space ticks one)", "@info:tooltip")
        }
        Button {
            text: root.planner.selectedCount > 0 ? qsTr("Create %n draft line(s)", "@action:button", root.planner.selectedCount)
                                                 : qsTr("Create drafts", "@action:button")
            enabled: root.planner.selectedCount > 0 && !root.planner.busy && !root.planner.loading
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: root.planner.createDrafts()
            ToolTip.visible: hovered
            ToolTip.text: "Ctrl+Enter"
        }
        Button {
            text: qsTr("Close", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
