// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stockroom

// One product at one location (or all): its demand with the stockouts marked and the forecast with both
// bands, the method and how well it did in a backtest; available to promise over the coming weeks with the
// earliest promise of a quantity; and a simulator of reorder policies whose choice becomes the reorder
// settings (and can be undone). The controls on the right redraw at once: nothing is read again for them.
Page {
    id: root
    Accessible.name: qsTr("Forecast", "@title:tab")

    // The policy table's number columns: as wide as their headings need (German ones are long).
    readonly property real targetColumnWidth: Math.max(64, targetHeader.implicitWidth)
    readonly property real fillColumnWidth: Math.max(64, fillHeader.implicitWidth)
    readonly property real valueColumnWidth: Math.max(96, valueHeader.implicitWidth)
    /** Room for "(s, S) = (128, 181)": the policy column never collapses under the numbers beside it. */
    readonly property real policyColumnWidth: 110

    required property ForecastController controller
    /** Our locations as Session has them: [{id, code}]. */
    property var locations: []
    /** Off while the database is unreachable: what is on screen stays, nothing is written. */
    property bool writable: true
    readonly property var sections: ["forecast", "atp", "whatif"]
    readonly property bool hasProduct: root.controller.loaded
    readonly property var plan: root.controller.plan
    readonly property var product: root.controller.product
    readonly property var fit: root.controller.fit
    readonly property var promise: root.controller.promise
    readonly property var currentPolicy: root.controller.currentPolicy
    readonly property var atpInfo: root.controller.atpInfo
    readonly property string periodWord: root.controller.frequency === "day" ? qsTr("days", "@label horizon unit")
                                         : root.controller.frequency === "month" ? qsTr("months", "@label horizon unit")
                                         : qsTr("weeks", "@label horizon unit")
    readonly property string placeText: root.controller.locationCode.length > 0
                                        ? root.controller.locationCode : qsTr("all locations", "@info")
    /** The what-if point chosen in the list or on the chart (index into controller.policies). */
    property int selectedPolicy: -1
    readonly property var chosenPolicy: root.selectedPolicy >= 0 && root.selectedPolicy < root.controller.policies.length
                                        ? root.controller.policies[root.selectedPolicy] : null

    function percent(value: real, decimals: int): string {
        return qsTr("%1 %", "@info percentage").arg(Number(value * 100).toLocaleString(Qt.locale(), "f", decimals));
    }
    function units(value: real): string {
        return Number(value).toLocaleString(Qt.locale(), "f", 0);
    }
    function choosePolicy(index: int): void {
        root.selectedPolicy = index;
        policyList.currentIndex = index;
    }

    padding: 12

    // Fetching and following live changes: only while the view is shown.
    Binding {
        target: root.controller
        property: "active"
        value: root.visible
    }
    Connections {
        target: root.controller
        function onSectionChanged(): void {
            tabs.currentIndex = Math.max(0, root.sections.indexOf(root.controller.section));
        }
        function onSkuChanged(): void {
            if (!picker.activeFocus)
                picker.text = root.controller.sku;
        }
        // A new simulation: the reorder point policy nearest the service level on the right is chosen.
        function onPoliciesChanged(): void {
            let best = -1;
            for (const policy of root.controller.policies) {
                if (policy.kind === "sS" && (best < 0 || Math.abs(policy.target - root.controller.serviceLevel)
                                             < Math.abs(root.controller.policies[best].target - root.controller.serviceLevel)))
                    best = policy.index;
            }
            Qt.callLater(root.choosePolicy, best);
        }
        // The promise field answers for its quantity as soon as the timeline is there.
        function onAtpChanged(): void {
            if (root.controller.atpPoints.length > 0 && root.promise.ok === undefined)
                root.controller.promiseUnits(promiseQty.text);
        }
    }

    Shortcut {
        sequence: "Ctrl+F"
        enabled: root.visible
        onActivated: {
            picker.forceActiveFocus();
            picker.selectAll();
        }
    }

    header: ToolBar {
        background: null

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 8

            Label {
                text: qsTr("Product", "@label")
            }
            TextField {
                id: picker

                function take(sku: string): void {
                    matches.close();
                    picker.text = sku;
                    root.controller.sku = sku;
                }

                Layout.preferredWidth: 200
                text: root.controller.sku
                placeholderText: qsTr("SKU or name… (Ctrl+F)", "@info:placeholder")
                selectByMouse: true
                Accessible.name: qsTr("Product", "@label")
                Accessible.description: qsTr("Type a SKU or a name; arrow keys choose, Enter shows it.", "@info")
                onTextEdited: {
                    root.controller.findProducts(picker.text);
                    if (picker.text.trim().length > 0)
                        matches.open();
                    else
                        matches.close();
                }
                onActiveFocusChanged: {
                    if (!picker.activeFocus)
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
                    event.accepted = matches.visible;
                    matches.close();
                    picker.text = root.controller.sku;
                }
                onAccepted: {
                    if (matches.visible && matchList.count > 0 && matchList.currentIndex >= 0)
                        picker.take(matchList.model[matchList.currentIndex].sku);
                    else if (picker.text.trim().length > 0)
                        picker.take(picker.text.trim());
                }

                // Our products for what is typed. No highlight or footer component: Qt 6.4 does not create them
                // inside a bound component ("Component is not ready").
                Popup {
                    id: matches

                    y: picker.height
                    width: Math.max(picker.width, 420)
                    padding: 1
                    focus: false
                    closePolicy: Popup.CloseOnPressOutsideParent

                    contentItem: Column {
                        ListView {
                            id: matchList

                            readonly property bool current: root.controller.productSearch === picker.text.trim()

                            width: parent.width
                            height: Math.min(contentHeight, 300)
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
                                onClicked: picker.take(match.modelData.sku)
                            }
                        }
                        Label {
                            width: parent.width
                            visible: matchList.count === 0
                            padding: 6
                            text: matchList.current ? qsTr("No product matches.", "@info") : qsTr("Searching…", "@info")
                            opacity: 0.7
                        }
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                text: root.product.name || ""
                font.bold: true
                elide: Text.ElideRight
            }
            Label {
                text: qsTr("Location", "@label")
            }
            ComboBox {
                id: locationBox

                readonly property var choices: {
                    const list = [{ code: "", text: qsTr("All locations", "@item") }];
                    for (const location of root.locations)
                        list.push({ code: location.code, text: location.code });
                    return list;
                }

                // Set, not bound: a new model (the locations arrive after the view) resets the index itself.
                function sync(): void {
                    locationBox.currentIndex = Math.max(0, locationBox.choices.findIndex(c => c.code === root.controller.locationCode));
                }

                Layout.preferredWidth: 150
                model: locationBox.choices
                textRole: "text"
                valueRole: "code"
                Accessible.name: qsTr("Location", "@label")
                onActivated: root.controller.locationCode = locationBox.currentValue
                onCountChanged: Qt.callLater(locationBox.sync)
                Component.onCompleted: locationBox.sync()

                Connections {
                    target: root.controller
                    function onLocationCodeChanged(): void {
                        locationBox.sync();
                    }
                }
            }
            Label {
                text: qsTr("Demand per", "@label followed by day, week or month")
            }
            ComboBox {
                id: frequencyBox

                Layout.preferredWidth: 110
                model: [
                    { value: "day", text: qsTr("Day", "@item demand period") },
                    { value: "week", text: qsTr("Week", "@item demand period") },
                    { value: "month", text: qsTr("Month", "@item demand period") }
                ]
                textRole: "text"
                valueRole: "value"
                currentIndex: frequencyBox.count > 0 ? Math.max(0, frequencyBox.indexOfValue(root.controller.frequency)) : -1
                Accessible.name: qsTr("Demand per day, week or month", "@label")
                onActivated: root.controller.frequency = frequencyBox.currentValue
            }
            BusyIndicator {
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
                running: !root.controller.settled && root.visible
                visible: running
                Accessible.name: qsTr("Working", "@info")
            }
        }
    }

    Label {
        anchors.centerIn: parent
        width: Math.min(parent.width - 40, 520)
        visible: !root.hasProduct && root.controller.message.length > 0
        text: root.controller.message
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        color: "#b00020"
        Accessible.role: Accessible.AlertMessage
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12
        visible: root.hasProduct

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            TabBar {
                id: tabs

                Layout.fillWidth: true
                currentIndex: Math.max(0, root.sections.indexOf(root.controller.section))
                onCurrentIndexChanged: root.controller.section = root.sections[tabs.currentIndex]

                TabButton {
                    text: qsTr("Forecast", "@title:tab")
                    Accessible.name: qsTr("Forecast", "@title:tab")

                    FocusRing {}
                }
                TabButton {
                    text: qsTr("Available to promise", "@title:tab")
                    Accessible.name: qsTr("Available to promise", "@title:tab")

                    FocusRing {}
                }
                TabButton {
                    text: qsTr("What-if: reorder policies", "@title:tab")
                    Accessible.name: qsTr("What-if: reorder policies", "@title:tab")

                    FocusRing {}
                }
            }

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: tabs.currentIndex

                // Forecast: the chart and what the method is, how it was chosen and how well it did.
                ColumnLayout {
                    spacing: 6

                    ForecastChart {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        history: root.controller.history
                        forecast: root.controller.forecast
                        today: root.controller.today
                        frequency: root.controller.frequency
                        Accessible.name: qsTr("Demand and forecast chart", "@label")

                        Label {
                            anchors.centerIn: parent
                            visible: root.controller.history.length === 0 && root.controller.settled
                            text: qsTr("No demand recorded here yet.", "@info")
                            opacity: 0.6
                        }
                    }
                    GridLayout {
                        Layout.fillWidth: true
                        Layout.leftMargin: 8
                        Layout.rightMargin: 8
                        columns: 2
                        columnSpacing: 12
                        rowSpacing: 2

                        Label {
                            text: qsTr("Method", "@label forecast method")
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            text: {
                                const f = root.fit;
                                if (f.method === undefined)
                                    return qsTr("working it out…", "@info");
                                let line = f.automatic && f.method !== "none"
                                        ? qsTr("%1, chosen automatically", "@info forecast method").arg(f.methodText)
                                        : f.methodText;
                                if (f.parametersText.length > 0)
                                    line += " · " + f.parametersText;
                                if (f.season > 1)
                                    line += " · " + qsTr("season of %1 %2", "@info season length, unit").arg(f.season).arg(root.periodWord);
                                return line;
                            }
                            elide: Text.ElideRight
                        }
                        Label {
                            text: qsTr("Demand", "@label demand class")
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            text: root.fit.method === undefined ? ""
                                  : qsTr("%1 (ADI %2, CV² %3) · learnt from %4 %5, %6 with stockouts left out", "@info demand class, ADI, CV², periods, unit, stockout periods")
                                    .arg(root.fit.demandClassText).arg(root.fit.adiText).arg(root.fit.cv2Text)
                                    .arg(root.fit.observed).arg(root.periodWord).arg(root.controller.stockoutPeriods)
                            elide: Text.ElideRight
                        }
                        Label {
                            text: qsTr("Accuracy", "@label backtest accuracy")
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            text: root.fit.method === undefined ? ""
                                  : !root.fit.backtested ? qsTr("too little history for a backtest", "@info")
                                  : qsTr("MASE %1 · sMAPE %2 % · bias %3 units a period — backtest of %4 origins, %5 %6 ahead", "@info")
                                    .arg(root.fit.maseText).arg(root.fit.smapeText).arg(root.fit.biasText)
                                    .arg(root.fit.origins).arg(root.fit.backtestHorizon).arg(root.periodWord)
                            elide: Text.ElideRight
                            ToolTip.visible: accuracyArea.containsMouse
                            ToolTip.text: qsTr("MASE below 1: better than the seasonal naive forecast. Bias above 0: the forecast was too high.", "@info:tooltip")

                            MouseArea {
                                id: accuracyArea

                                anchors.fill: parent
                                hoverEnabled: true
                                acceptedButtons: Qt.NoButton
                            }
                        }
                    }
                }

                // Available to promise: the steps, the dated events behind them, and a promise.
                ColumnLayout {
                    spacing: 8

                    AtpChart {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.minimumHeight: 200
                        points: root.controller.atpPoints
                        events: root.controller.atpEvents
                        Accessible.name: qsTr("Available to promise chart", "@label")
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.preferredHeight: 170
                        spacing: 12

                        Frame {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            padding: 0

                            ListView {
                                id: eventList

                                anchors.fill: parent
                                anchors.margins: 1
                                clip: true
                                activeFocusOnTab: true
                                model: root.controller.atpEvents
                                highlightMoveDuration: 0
                                ScrollBar.vertical: ScrollBar {}
                                Accessible.role: Accessible.List
                                Accessible.name: qsTr("What makes up the available stock", "@label")
                                delegate: ItemDelegate {
                                    id: eventRow

                                    required property var modelData
                                    required property int index

                                    width: ListView.view.width
                                    highlighted: ListView.isCurrentItem && eventList.activeFocus
                                    padding: 4
                                    Accessible.name: qsTr("%1: %2 %3, %4", "@info date: kind qty, note").arg(eventRow.modelData.date).arg(eventRow.modelData.kindText).arg(eventRow.modelData.qty).arg(eventRow.modelData.note)
                                    onClicked: eventList.currentIndex = eventRow.index

                                    contentItem: RowLayout {
                                        spacing: 8

                                        Label {
                                            Layout.preferredWidth: 76
                                            text: eventRow.modelData.date
                                        }
                                        Label {
                                            Layout.preferredWidth: 120
                                            text: eventRow.modelData.kindText
                                            elide: Text.ElideRight
                                        }
                                        Label {
                                            Layout.preferredWidth: 56
                                            horizontalAlignment: Text.AlignRight
                                            text: (eventRow.modelData.qty > 0 ? "+" : "") + root.units(eventRow.modelData.qty)
                                            color: eventRow.modelData.qty < 0 ? "#b00020" : "#2e7d32"
                                            font.bold: true
                                        }
                                        Label {
                                            Layout.fillWidth: true
                                            text: eventRow.modelData.note
                                            elide: Text.ElideRight
                                            opacity: 0.85
                                        }
                                    }
                                }

                                Label {
                                    anchors.centerIn: parent
                                    visible: eventList.count === 0
                                    text: root.atpInfo.message || (root.controller.atpLoading ? qsTr("Working it out…", "@info") : qsTr("Nothing on hand or on its way.", "@info"))
                                    opacity: 0.6
                                }
                            }
                        }
                        Frame {
                            Layout.preferredWidth: 270
                            Layout.fillHeight: true

                            ColumnLayout {
                                anchors.fill: parent
                                spacing: 6

                                Label {
                                    text: qsTr("Promise to a customer", "@title")
                                    font.bold: true
                                }
                                RowLayout {
                                    spacing: 6

                                    TextField {
                                        id: promiseQty

                                        Layout.preferredWidth: 80
                                        text: "10"
                                        inputMethodHints: Qt.ImhDigitsOnly
                                        selectByMouse: true
                                        Accessible.name: qsTr("Units to promise", "@label")
                                        onAccepted: root.controller.promiseUnits(promiseQty.text)
                                    }
                                    Button {
                                        text: qsTr("Earliest date", "@action:button")
                                        enabled: root.hasProduct
                                        onClicked: root.controller.promiseUnits(promiseQty.text)
                                        Accessible.name: qsTr("Earliest date these units can be promised", "@action:button")
                                    }
                                }
                                Label {
                                    Layout.fillWidth: true
                                    visible: root.promise.ok === true
                                    text: root.promise.possible
                                          ? qsTr("%1 units: %2, from %3", "@info units, date, locations").arg(root.promise.qty).arg(root.promise.date).arg(root.promise.locations)
                                          : qsTr("%1 units cannot be promised within the horizon (%2 could be).", "@info").arg(root.promise.qty).arg(root.promise.covered)
                                    font.bold: true
                                    color: root.promise.possible ? "#2e7d32" : "#b00020"
                                    wrapMode: Text.WordWrap
                                }
                                Label {
                                    Layout.fillWidth: true
                                    Layout.fillHeight: true
                                    text: root.promise.ok === false ? root.promise.message
                                          : root.promise.ok === true ? root.promise.explanation
                                          : qsTr("On hand first, then what arrives after the backorders already waiting.", "@info")
                                    color: root.promise.ok === false ? "#b00020" : palette.windowText
                                    wrapMode: Text.WordWrap
                                    elide: Text.ElideRight
                                    opacity: 0.85
                                }
                            }
                        }
                    }
                }

                // What-if: the policies simulated, the settings now, and applying a choice.
                ColumnLayout {
                    spacing: 6

                    PolicyChart {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.minimumHeight: 200
                        policies: root.controller.policies
                        current: root.controller.currentPolicy
                        selected: root.selectedPolicy
                        Accessible.name: qsTr("Fill rate against stock value", "@label")
                        onPicked: index => root.choosePolicy(index)

                        Label {
                            anchors.centerIn: parent
                            visible: root.controller.policies.length === 0
                            text: root.controller.simulating ? qsTr("Simulating…", "@info") : root.controller.simulationText
                            opacity: 0.6
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: root.controller.simulationText
                        visible: root.controller.policies.length > 0
                        wrapMode: Text.WordWrap
                        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                        opacity: 0.75
                    }
                    GridLayout {
                        id: policyArea

                        // Side by side when there is room; in a narrow window the explanation goes under the table
                        // (the table's columns would be cut otherwise).
                        Layout.fillWidth: true
                        Layout.preferredHeight: policyArea.columns === 1 ? 280 : 180
                        columns: policyArea.width < 640 ? 1 : 2
                        columnSpacing: 12
                        rowSpacing: 8

                        Frame {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            padding: 0

                            ColumnLayout {
                                anchors.fill: parent
                                anchors.margins: 1
                                spacing: 0

                                // Headers above the list (a ListView header is not created under Bound in 6.4).
                                RowLayout {
                                    Layout.fillWidth: true
                                    Layout.leftMargin: 8
                                    Layout.rightMargin: 8
                                    spacing: 8

                                    Label {
                                        Layout.fillWidth: true
                                        Layout.minimumWidth: root.policyColumnWidth
                                        text: qsTr("Policy", "@title:column")
                                        font.bold: true
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        id: targetHeader
                                        Layout.preferredWidth: root.targetColumnWidth
                                        text: qsTr("Target", "@title:column service level")
                                        horizontalAlignment: Text.AlignRight
                                        font.bold: true
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        id: fillHeader
                                        Layout.preferredWidth: root.fillColumnWidth
                                        text: qsTr("Fill rate", "@title:column")
                                        horizontalAlignment: Text.AlignRight
                                        font.bold: true
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        id: valueHeader
                                        Layout.preferredWidth: root.valueColumnWidth
                                        text: qsTr("Stock value", "@title:column average")
                                        horizontalAlignment: Text.AlignRight
                                        font.bold: true
                                        elide: Text.ElideRight
                                    }
                                }
                                ListView {
                                    id: policyList

                                    Layout.fillWidth: true
                                    Layout.fillHeight: true
                                    clip: true
                                    activeFocusOnTab: true
                                    model: root.controller.policies
                                    highlightMoveDuration: 0
                                    keyNavigationEnabled: true
                                    ScrollBar.vertical: ScrollBar {}
                                    Accessible.role: Accessible.List
                                    Accessible.name: qsTr("Simulated policies", "@label")
                                    onCurrentIndexChanged: root.selectedPolicy = policyList.currentIndex
                                    Keys.onReturnPressed: applyButton.clicked()
                                    Keys.onEnterPressed: applyButton.clicked()

                                    delegate: ItemDelegate {
                                        id: policyRow

                                        required property var modelData
                                        required property int index

                                        width: ListView.view.width
                                        highlighted: ListView.isCurrentItem
                                        padding: 3
                                        leftPadding: 8
                                        rightPadding: 8
                                        onClicked: {
                                            root.choosePolicy(policyRow.index);
                                            policyList.forceActiveFocus();
                                        }
                                        Accessible.name: qsTr("%1 for %2: fill rate %3, stock value %4", "@info").arg(policyRow.modelData.label).arg(root.percent(policyRow.modelData.target, 0)).arg(root.percent(policyRow.modelData.fillRate, 1)).arg(policyRow.modelData.stockValueText)

                                        contentItem: RowLayout {
                                            spacing: 8

                                            Label {
                                                Layout.fillWidth: true
                                                Layout.minimumWidth: root.policyColumnWidth
                                                text: policyRow.modelData.label
                                                color: policyRow.highlighted ? root.palette.highlightedText
                                                       : policyRow.modelData.kind === "sS" ? "#1565c0" : "#6a1b9a"
                                                elide: Text.ElideRight
                                            }
                                            Label {
                                                Layout.preferredWidth: root.targetColumnWidth
                                                horizontalAlignment: Text.AlignRight
                                                text: root.percent(policyRow.modelData.target, 0)
                                            }
                                            Label {
                                                Layout.preferredWidth: root.fillColumnWidth
                                                horizontalAlignment: Text.AlignRight
                                                text: root.percent(policyRow.modelData.fillRate, 1)
                                            }
                                            Label {
                                                Layout.preferredWidth: root.valueColumnWidth
                                                horizontalAlignment: Text.AlignRight
                                                text: policyRow.modelData.stockValueText
                                            }
                                        }
                                    }
                                }
                            }
                            // Visible focus on the list as a whole.
                            Rectangle {
                                anchors.fill: parent
                                color: "transparent"
                                border.color: root.palette.highlight
                                border.width: 2
                                visible: policyList.activeFocus
                            }
                        }
                        Frame {
                            Layout.preferredWidth: 270
                            Layout.fillWidth: policyArea.columns === 1
                            Layout.fillHeight: policyArea.columns === 2

                            ColumnLayout {
                                anchors.fill: parent
                                spacing: 6

                                Label {
                                    Layout.fillWidth: true
                                    text: root.currentPolicy.set
                                          ? qsTr("Now: reorder at %1, order %2 (fill rate %3)", "@info").arg(root.currentPolicy.reorderPoint).arg(root.currentPolicy.reorderQty).arg(root.percent(root.currentPolicy.fillRate, 1))
                                          : root.controller.locationCode.length > 0
                                            ? qsTr("No reorder settings at %1 yet.", "@info").arg(root.controller.locationCode)
                                            : qsTr("Reorder settings are per location: choose one to apply a policy.", "@info")
                                    wrapMode: Text.WordWrap
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: root.chosenPolicy === null ? qsTr("Choose a point in the list or on the chart.", "@info")
                                          : root.chosenPolicy.kind === "sS"
                                            ? qsTr("Reorder at %1, order %2 up to %3.", "@info").arg(root.chosenPolicy.reorderPoint).arg(root.chosenPolicy.orderUpTo - root.chosenPolicy.reorderPoint).arg(root.chosenPolicy.orderUpTo)
                                            : qsTr("Every %1 days, order up to %2 (not a reorder setting).", "@info").arg(root.chosenPolicy.reviewDays).arg(root.chosenPolicy.orderUpTo)
                                    wrapMode: Text.WordWrap
                                    opacity: 0.85
                                }
                                RowLayout {
                                    spacing: 6

                                    Button {
                                        id: applyButton

                                        text: qsTr("Apply", "@action:button")
                                        enabled: root.writable && root.chosenPolicy !== null && root.chosenPolicy.canApply && !root.controller.applying
                                        highlighted: enabled
                                        onClicked: {
                                            if (applyButton.enabled)
                                                root.controller.applyPolicy(root.selectedPolicy);
                                        }
                                        ToolTip.visible: hovered
                                        ToolTip.text: qsTr("Write the chosen reorder point and quantity at %1", "@info:tooltip").arg(root.placeText)
                                        Accessible.name: qsTr("Apply the chosen policy to the reorder settings", "@action:button")
                                    }
                                    Button {
                                        text: qsTr("Undo", "@action:button")
                                        visible: root.controller.canUndo
                                        enabled: root.writable && !root.controller.applying
                                        onClicked: root.controller.undoApply()
                                        Accessible.name: qsTr("Undo: write back the reorder settings as they were", "@action:button")
                                    }
                                }
                                Label {
                                    Layout.fillWidth: true
                                    Layout.fillHeight: true
                                    visible: root.controller.applyMessage.length > 0
                                    text: root.controller.applyMessage
                                    color: root.controller.applyFailed ? "#b00020" : "#2e7d32"
                                    wrapMode: Text.WordWrap
                                    elide: Text.ElideRight
                                    Accessible.role: Accessible.AlertMessage
                                }
                                Item {
                                    Layout.fillHeight: true
                                    visible: root.controller.applyMessage.length === 0
                                }
                            }
                        }
                    }
                }
            }
        }

        // The what-if controls and what they mean for replenishment, beside every tab.
        ColumnLayout {
            // Never squeezed: in a narrow window the tabs give way, not these controls (cut off otherwise).
            Layout.minimumWidth: 290
            Layout.preferredWidth: 290
            Layout.maximumWidth: 290
            Layout.fillHeight: true
            spacing: 12

            Frame {
                Layout.fillWidth: true

                GridLayout {
                    anchors.fill: parent
                    columns: 2
                    columnSpacing: 8
                    rowSpacing: 6

                    Label {
                        Layout.columnSpan: 2
                        text: qsTr("What if", "@title")
                        font.bold: true
                    }
                    Label {
                        text: qsTr("Method", "@label")
                    }
                    ComboBox {
                        id: methodBox

                        Layout.fillWidth: true
                        model: root.controller.methods
                        textRole: "text"
                        valueRole: "value"
                        currentIndex: methodBox.count > 0 ? Math.max(0, methodBox.indexOfValue(root.controller.method)) : -1
                        Accessible.name: qsTr("Forecast method", "@label")
                        onActivated: root.controller.method = methodBox.currentValue
                    }
                    Label {
                        text: qsTr("Horizon", "@label")
                    }
                    RowLayout {
                        spacing: 6

                        SpinBox {
                            id: horizonBox

                            Layout.preferredWidth: 110
                            from: 1
                            to: root.controller.frequency === "day" ? 365 : root.controller.frequency === "month" ? 36 : 104
                            value: root.controller.horizon
                            editable: true
                            Accessible.name: qsTr("Horizon in %1", "@label").arg(root.periodWord)
                            onValueModified: root.controller.horizon = horizonBox.value
                        }
                        Label {
                            text: root.periodWord
                        }
                    }
                    Label {
                        text: qsTr("Service level", "@label")
                    }
                    RowLayout {
                        spacing: 6

                        Slider {
                            id: serviceSlider

                            Layout.fillWidth: true
                            Layout.preferredWidth: 110
                            from: 0.8
                            to: 0.995
                            stepSize: 0.005
                            value: root.controller.serviceLevel
                            Accessible.name: qsTr("Service level", "@label")
                            onMoved: root.controller.serviceLevel = serviceSlider.value
                        }
                        Label {
                            Layout.preferredWidth: 52
                            text: root.percent(root.controller.serviceLevel, 1)
                            horizontalAlignment: Text.AlignRight
                        }
                    }
                    Label {
                        text: qsTr("Lead time", "@label")
                    }
                    RowLayout {
                        spacing: 6

                        SpinBox {
                            id: leadBox

                            Layout.preferredWidth: 110
                            from: 0
                            to: 365
                            value: root.controller.leadTimeDays
                            editable: true
                            Accessible.name: qsTr("Lead time in days", "@label")
                            onValueModified: root.controller.leadTimeDays = leadBox.value
                        }
                        Label {
                            text: qsTr("days", "@label lead time unit")
                        }
                    }
                    Label {
                        Layout.columnSpan: 2
                        Layout.fillWidth: true
                        text: (root.product.supplier || "").length > 0
                              ? qsTr("%1 delivers in %2 days.", "@info supplier, days").arg(root.product.supplier).arg(root.product.supplierLeadTimeDays)
                              : qsTr("Never bought yet: 7 days assumed.", "@info")
                        wrapMode: Text.WordWrap
                        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                        opacity: 0.7
                    }
                }
            }

            Frame {
                Layout.fillWidth: true
                Layout.fillHeight: true

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 4

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Replenishment at %1", "@title location").arg(root.placeText)
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    GridLayout {
                        Layout.fillWidth: true
                        columns: 2
                        columnSpacing: 8
                        rowSpacing: 2

                        component Figure: Label {
                            Layout.alignment: Qt.AlignRight
                            font.bold: true
                        }

                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("On hand / reserved", "@label")
                        }
                        Figure {
                            text: root.product.onHand !== undefined ? qsTr("%1 / %2", "@info on hand / reserved").arg(root.units(root.product.onHand)).arg(root.units(root.product.reserved)) : "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Owed to backorders", "@label")
                        }
                        Figure {
                            text: root.product.backordered !== undefined ? root.units(root.product.backordered) : "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("On order / in transit", "@label")
                        }
                        Figure {
                            text: root.product.onOrder !== undefined ? qsTr("%1 / %2", "@info on order / in transit").arg(root.units(root.product.onOrder)).arg(root.units(root.product.inTransit)) : "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Projected stock", "@label")
                        }
                        Figure {
                            text: root.plan.projected !== undefined ? root.units(root.plan.projected) : "—"
                            color: root.plan.atRisk ? "#b00020" : palette.windowText
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Lead-time demand", "@label forecast demand over the lead time")
                        }
                        Figure {
                            text: root.plan.leadTimeDemandText || "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Safety stock", "@label")
                        }
                        Figure {
                            text: root.plan.safetyStockText || "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Reorder point", "@label")
                        }
                        Figure {
                            text: root.plan.reorderPoint !== undefined ? root.units(root.plan.reorderPoint) : "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Order up to", "@label")
                        }
                        Figure {
                            text: root.plan.orderUpTo !== undefined ? root.units(root.plan.orderUpTo) : "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Suggested order", "@label")
                        }
                        Figure {
                            text: root.plan.suggestedQty === undefined ? "—"
                                  : root.plan.suggestedQty > 0 ? qsTr("%1 (%2)", "@info units (value)").arg(root.units(root.plan.suggestedQty)).arg(root.plan.orderValue)
                                  : qsTr("none", "@info no order suggested")
                            color: root.plan.suggestedQty > 0 ? "#e65100" : palette.windowText
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Days of cover", "@label")
                        }
                        Figure {
                            text: root.plan.daysOfCoverText || "—"
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: qsTr("Reorder settings now", "@label")
                        }
                        Figure {
                            text: root.controller.locationCode.length === 0 ? qsTr("per location", "@info")
                                  : qsTr("%1 / %2", "@info reorder point / quantity").arg(root.product.reorderPoint).arg(root.product.reorderQty)
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.topMargin: 4
                        text: root.plan.reason || ""
                        wrapMode: Text.WordWrap
                        elide: Text.ElideRight
                        font.pixelSize: Math.round(12 * InterfaceSettings.fontScale)
                        opacity: 0.8
                        verticalAlignment: Text.AlignTop
                    }
                }
            }
        }
    }
}
