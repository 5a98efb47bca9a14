// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// Imported order lines that name none of our products (their orders wait on hold), each mapped to one of ours
// with a product picker (the mapping is kept as an alias for the line's channel or every channel, so the next
// import knows it) or dropped; and the aliases themselves. Live while open: the controller follows the change
// feed.
Dialog {
    id: root

    required property SkuAliasController controller
    /** Off while the database is unreachable: the lists still show, nothing is changed. */
    property bool writable: true
    readonly property bool canAct: root.writable && !root.controller.busy
    readonly property var shownAliases: root.controller.aliases.filter(a => {
        const wanted = aliasSearch.text.trim().toLowerCase();
        return wanted.length === 0 || [a.alias, a.sku, a.product, a.channelText].some(t => (t || "").toLowerCase().includes(wanted));
    })

    /** The clerk wants to see this order (the page shows it). */
    signal orderRequested(string number)

    /** Opens on the waiting lines of one order (SO-…), or of every open order (empty). */
    function openFor(number: string): void {
        root.controller.orderNumber = number;
        tabs.currentIndex = 0;
        root.open();
    }

    modal: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(980, parent ? parent.width - 40 : 980)
    height: Math.min(720, parent ? parent.height - 40 : 720)
    title: root.controller.orderNumber.length > 0
           ? qsTr("SKU aliases: waiting lines of %1", "@title:window").arg(root.controller.orderNumber)
           : qsTr("SKU aliases", "@title:window")
    onOpened: {
        root.controller.active = true;
        tabs.forceActiveFocus();
    }
    onClosed: {
        root.controller.active = false;
        root.controller.clearMessage();
    }

    ConfirmDialog {
        id: dropConfirm

        property string order
        property int line

        anchors.centerIn: parent
        title: qsTr("Drop line %1 of %2?", "@title:window").arg(dropConfirm.line).arg(dropConfirm.order)
        onAccepted: root.controller.dropLine(dropConfirm.order, dropConfirm.line)
    }
    ConfirmDialog {
        id: removeConfirm

        property string channel
        property string alias

        anchors.centerIn: parent
        title: qsTr("Remove the alias “%1”?", "@title:window").arg(removeConfirm.alias)
        text: qsTr("Lines already mapped stay as they are; the next import that names “%1” puts its order on hold again.", "@info").arg(removeConfirm.alias)
        onAccepted: root.controller.removeAlias(removeConfirm.channel, removeConfirm.alias)
    }

    // Measures the Remove button, so that the headings line up with the rows.
    Button {
        id: removeWidth

        visible: false
        text: qsTr("Remove…", "@action:button")
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Close", "@action:button")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        TabBar {
            id: tabs

            Layout.fillWidth: true
            Accessible.name: qsTr("SKU aliases", "@label")

            TabButton {
                text: qsTr("Waiting lines (%1)", "@title:tab").arg(root.controller.waiting.length)
                width: implicitWidth
            }
            TabButton {
                text: qsTr("Aliases (%1)", "@title:tab").arg(root.controller.aliases.length)
                width: implicitWidth
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            // The lines waiting for a mapping.
            ColumnLayout {
                spacing: 6

                RowLayout {
                    Layout.fillWidth: true
                    visible: root.controller.orderNumber.length > 0

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Only the lines of %1.", "@info").arg(root.controller.orderNumber)
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    Button {
                        text: qsTr("Show every order's", "@action:button")
                        onClicked: root.controller.orderNumber = ""
                        Accessible.name: qsTr("Show the waiting lines of every order", "@action:button")
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Each line names a product we do not have, and its order waits on hold. Choose which of our products it is and press Map: the mapping is kept as an alias, every line that names it is resolved, and the next import knows it. Drop a line that will not be sent.", "@info")
                    wrapMode: Text.WordWrap
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.controller.waiting.length === 0 && !root.controller.loading
                    text: qsTr("No order line waits for a mapping.", "@info")
                    font.italic: true
                    topPadding: 12
                }
                ListView {
                    id: waitingList

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 4
                    model: root.controller.waiting
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.name: qsTr("Waiting lines", "@label")

                    delegate: Frame {
                        id: waiting

                        required property var modelData
                        required property int index
                        /** The product chosen in the picker (or typed as a SKU). */
                        property string chosenName

                        function map(): void {
                            if (root.canAct && picker.text.trim().length > 0)
                                root.controller.map(waiting.modelData.channel, waiting.modelData.alias, picker.text.trim(), everyChannel.checked);
                        }
                        function choose(product: var): void {
                            picker.text = product.sku;
                            waiting.chosenName = product.name;
                            matches.close();
                        }

                        width: ListView.view.width - 12
                        padding: 8

                        ColumnLayout {
                            anchors.fill: parent
                            spacing: 4

                            RowLayout {
                                Layout.fillWidth: true
                                spacing: 8

                                Button {
                                    flat: true
                                    text: waiting.modelData.order
                                    font.underline: true
                                    padding: 2
                                    onClicked: root.orderRequested(waiting.modelData.order)
                                    Keys.onReturnPressed: root.orderRequested(waiting.modelData.order)
                                    Keys.onEnterPressed: root.orderRequested(waiting.modelData.order)
                                    Accessible.name: qsTr("Open order %1", "@action:button").arg(waiting.modelData.order)
                                }
                                Label {
                                    text: qsTr("%1 %2 · line %3", "@info channel, their order id, line").arg(waiting.modelData.channelText).arg(waiting.modelData.externalId).arg(waiting.modelData.line)
                                    opacity: 0.75
                                }
                                Label {
                                    text: qsTr("%1 ×", "@info quantity").arg(waiting.modelData.qty)
                                    font.bold: true
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: qsTr("⚠ not one of our products: %1", "@info").arg(waiting.modelData.label)
                                    color: "#b45f06"
                                    wrapMode: Text.WordWrap
                                    textFormat: Text.PlainText
                                }
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                spacing: 8

                                TextField {
                                    id: picker

                                    Layout.preferredWidth: 260
                                    placeholderText: qsTr("Our SKU or product name…", "@info:placeholder")
                                    enabled: root.writable
                                    selectByMouse: true
                                    Accessible.name: qsTr("Our product for %1", "@label").arg(waiting.modelData.label)
                                    Accessible.description: qsTr("Type to search; arrow keys choose, Enter takes it, Enter again maps.", "@info")
                                    onTextEdited: {
                                        waiting.chosenName = "";
                                        root.controller.findProducts(picker.text);
                                        if (picker.text.trim().length > 0)
                                            matches.open();
                                        else
                                            matches.close();
                                    }
                                    onActiveFocusChanged: {
                                        if (picker.activeFocus)
                                            waitingList.positionViewAtIndex(waiting.index, ListView.Contain); // reached with Tab
                                        else
                                            matches.close();
                                    }
                                    Keys.onDownPressed: {
                                        if (matches.visible)
                                            matchList.incrementCurrentIndex();
                                    }
                                    Keys.onUpPressed: {
                                        if (matches.visible)
                                            matchList.decrementCurrentIndex();
                                    }
                                    Keys.onEscapePressed: event => {
                                        // The first Escape closes the suggestions, the next one the dialog.
                                        event.accepted = matches.visible;
                                        matches.close();
                                    }
                                    onAccepted: {
                                        if (matches.visible && matchList.currentIndex >= 0 && matchList.count > 0)
                                            waiting.choose(matchList.model[matchList.currentIndex]);
                                        else
                                            waiting.map();
                                    }

                                    // Our products for what is typed: SKU, name and what is available.
                                    Popup {
                                        id: matches

                                        y: picker.height
                                        width: Math.max(picker.width, 380)
                                        padding: 1
                                        focus: false
                                        closePolicy: Popup.CloseOnPressOutsideParent

                                        // No highlight or footer component in this list: Qt 6.4 cannot create
                                        // those inside a bound delegate ("Component is not ready"); the current
                                        // item shows itself highlighted, the note of no match follows the list.
                                        contentItem: Column {
                                            ListView {
                                                id: matchList

                                                readonly property bool current: root.controller.productSearch === picker.text.trim()

                                                width: parent.width
                                                height: Math.min(contentHeight, 260)
                                                clip: true
                                                model: matchList.current ? root.controller.productMatches : []
                                                currentIndex: 0
                                                highlightMoveDuration: 0
                                                ScrollBar.vertical: ScrollBar {}
                                                Accessible.name: qsTr("Matching products", "@label")
                                                delegate: ItemDelegate {
                                                    id: match

                                                    required property var modelData
                                                    required property int index

                                                    width: ListView.view.width
                                                    text: qsTr("%1 — %2 (%3 available)", "@item sku, name, units").arg(match.modelData.sku).arg(match.modelData.name).arg(match.modelData.available)
                                                    highlighted: ListView.isCurrentItem
                                                    onClicked: waiting.choose(match.modelData)
                                                }
                                            }
                                            Label {
                                                width: parent.width
                                                visible: matchList.count === 0
                                                padding: 6
                                                text: matchList.current ? qsTr("No product of ours matches.", "@info") : qsTr("Searching…", "@info")
                                                opacity: 0.7
                                            }
                                        }
                                    }
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: waiting.chosenName
                                    elide: Text.ElideRight
                                    opacity: 0.8
                                }
                                CheckBox {
                                    id: everyChannel

                                    text: qsTr("Every channel", "@option:check")
                                    enabled: root.writable
                                    ToolTip.visible: hovered
                                    ToolTip.text: qsTr("Off: the alias holds for %1 only", "@info:tooltip").arg(waiting.modelData.channelText)
                                    Accessible.name: qsTr("Map for every channel, not only %1", "@option:check").arg(waiting.modelData.channelText)
                                }
                                Button {
                                    text: qsTr("Map", "@action:button")
                                    enabled: root.canAct && picker.text.trim().length > 0
                                    highlighted: enabled
                                    onClicked: waiting.map()
                                    Accessible.name: qsTr("Map %1 to %2", "@action:button").arg(waiting.modelData.label).arg(picker.text.trim())
                                }
                                Button {
                                    text: qsTr("Drop line…", "@action:button")
                                    enabled: root.canAct
                                    onClicked: {
                                        dropConfirm.order = waiting.modelData.order;
                                        dropConfirm.line = waiting.modelData.line;
                                        dropConfirm.text = qsTr("%1 × %2 will not be sent. When it is the order's last waiting line, the order comes off hold (or is cancelled when nothing of ours is left in it).", "@info").arg(waiting.modelData.qty).arg(waiting.modelData.label);
                                        dropConfirm.open();
                                    }
                                    Accessible.name: qsTr("Drop line %1 of %2", "@action:button").arg(waiting.modelData.line).arg(waiting.modelData.order)
                                }
                            }
                        }
                    }
                }
            }

            // The aliases: theirs → ours, per channel or for every channel.
            ColumnLayout {
                spacing: 6

                TextField {
                    id: aliasSearch

                    Layout.preferredWidth: 320
                    placeholderText: qsTr("Search aliases, SKUs, products", "@info:placeholder")
                    selectByMouse: true
                    Accessible.name: qsTr("Search aliases", "@label")
                }
                // Column headings, as wide as the rows' cells.
                RowLayout {
                    Layout.fillWidth: true
                    Layout.rightMargin: 12
                    visible: root.shownAliases.length > 0
                    spacing: 12

                    Label {
                        Layout.preferredWidth: 120
                        text: qsTr("Channel", "@title:column")
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 300
                        text: qsTr("Theirs → ours", "@title:column")
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.preferredWidth: 200
                        text: qsTr("Mapped by", "@title:column")
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Item {
                        Layout.preferredWidth: removeWidth.implicitWidth
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.shownAliases.length === 0 && !root.controller.loading
                    text: root.controller.aliases.length === 0 ? qsTr("No SKU aliases yet: mapping a waiting line makes one.", "@info")
                                                               : qsTr("No alias matches.", "@info")
                    font.italic: true
                    topPadding: 12
                }
                ListView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 2
                    model: root.shownAliases
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.name: qsTr("Aliases", "@label")

                    delegate: RowLayout {
                        id: alias

                        required property var modelData

                        width: ListView.view.width - 12
                        spacing: 12

                        Label {
                            Layout.preferredWidth: 120
                            text: alias.modelData.channelText
                            elide: Text.ElideRight
                            font.italic: alias.modelData.channel.length === 0
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.preferredWidth: 300
                            text: qsTr("%1 → %2 (%3)", "@info their SKU → our SKU (product)").arg(alias.modelData.alias).arg(alias.modelData.sku).arg(alias.modelData.product)
                            wrapMode: Text.WordWrap
                            textFormat: Text.PlainText
                        }
                        Label {
                            Layout.preferredWidth: 200
                            text: qsTr("%1, %2", "@info who, when").arg(alias.modelData.by).arg(alias.modelData.at)
                            elide: Text.ElideRight
                            opacity: 0.7
                            font.pixelSize: Math.round(11 * InterfaceSettings.fontScale)
                        }
                        Button {
                            Layout.preferredWidth: removeWidth.implicitWidth
                            text: qsTr("Remove…", "@action:button")
                            enabled: root.canAct
                            onClicked: {
                                removeConfirm.channel = alias.modelData.channel;
                                removeConfirm.alias = alias.modelData.alias;
                                removeConfirm.open();
                            }
                            Accessible.name: qsTr("Remove the alias %1", "@action:button").arg(alias.modelData.alias)
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: root.controller.message.length > 0 || root.controller.busy

            BusyIndicator {
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
                visible: root.controller.busy
                running: root.controller.busy
            }
            Label {
                Layout.fillWidth: true
                text: (root.controller.failed ? qsTr("Not done: %1", "@info") : "%1").arg(root.controller.message)
                wrapMode: Text.WordWrap
                color: root.controller.failed ? "#b00020" : "#2e7d32"
                font.bold: true
                Accessible.role: Accessible.AlertMessage
            }
        }
    }
}
