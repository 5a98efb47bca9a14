// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtCharts

// What a higher service level costs: simulated fill rate against average stock value, one curve per policy
// kind, the reorder settings now as a star and the chosen point ringed. Every use of Qt Charts sits behind
// components like this one, so the move to Qt Graphs touches few files.
ChartView {
    id: root

    /** [{index, kind: "sS" | "RS", fillRate (0..1), stockValue, averageOnHand}] */
    property var policies: []
    /** {set, fillRate, stockValue, averageOnHand} */
    property var current: ({})
    /** The index of the chosen point, -1 for none. */
    property int selected: -1
    /** Stock has no cost recorded: the x axis shows units instead of money. */
    readonly property bool inUnits: {
        for (const policy of root.policies) {
            if (policy.stockValue > 0)
                return false;
        }
        return true;
    }

    /** A point was clicked: the index of the nearest policy of that curve. */
    signal picked(int index)

    function xOf(point: var): real {
        return root.inUnits ? point.averageOnHand : point.stockValue;
    }
    function rebuild(): void {
        for (const series of [reorderPoint, periodic, currentMark, selectedMark])
            series.clear();
        let lowestFill = 1;
        let lowestX = Number.MAX_VALUE;
        let highestX = 0;
        for (const policy of root.policies) {
            (policy.kind === "sS" ? reorderPoint : periodic).append(root.xOf(policy), policy.fillRate * 100);
            lowestFill = Math.min(lowestFill, policy.fillRate);
            lowestX = Math.min(lowestX, root.xOf(policy));
            highestX = Math.max(highestX, root.xOf(policy));
        }
        if (root.current.set) {
            currentMark.append(root.xOf(root.current), root.current.fillRate * 100);
            lowestFill = Math.min(lowestFill, root.current.fillRate);
            lowestX = Math.min(lowestX, root.xOf(root.current));
            highestX = Math.max(highestX, root.xOf(root.current));
        }
        if (root.selected >= 0 && root.selected < root.policies.length) {
            const chosen = root.policies[root.selected];
            selectedMark.append(root.xOf(chosen), chosen.fillRate * 100);
        }
        // Round ticks: 5 % steps of fill rate (fewer when the range is wide), a 1-2-5 step of value.
        yAxis.min = Math.max(0, Math.floor(lowestFill * 100 / 5) * 5 - 5);
        yAxis.max = 101; // room for a point at 100 %
        yAxis.tickInterval = (100 - yAxis.min) > 40 ? 10 : 5;
        if (lowestX === Number.MAX_VALUE) {
            lowestX = 0;
            highestX = 1;
        }
        const margin = Math.max(1, (highestX - lowestX) * 0.08);
        const rough = Math.max(1, (highestX - lowestX + 2 * margin) / 6);
        const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        const step = [1, 2, 5, 10].map(f => f * magnitude).find(s => s >= rough);
        xAxis.tickInterval = step;
        xAxis.min = Math.max(0, Math.floor((lowestX - margin) / step) * step);
        xAxis.max = Math.ceil((highestX + margin) / step) * step;
    }
    function pickNear(kind: string, point: point): void {
        let best = -1;
        let distance = Number.MAX_VALUE;
        for (const policy of root.policies) {
            if (policy.kind !== kind)
                continue;
            const d = Math.abs(root.xOf(policy) - point.x) / Math.max(1, xAxis.max)
                    + Math.abs(policy.fillRate * 100 - point.y) / 100;
            if (d < distance) {
                distance = d;
                best = policy.index;
            }
        }
        if (best >= 0)
            root.picked(best);
    }

    antialiasing: true
    legend.alignment: Qt.AlignBottom
    margins.top: 4
    margins.bottom: 4
    margins.left: 4
    margins.right: 8
    onPoliciesChanged: root.rebuild()
    onCurrentChanged: root.rebuild()
    onSelectedChanged: root.rebuild()
    Component.onCompleted: root.rebuild()

    ValueAxis {
        id: xAxis

        labelFormat: "%.0f"
        tickType: ValueAxis.TicksDynamic
        tickAnchor: 0
        tickInterval: 100
        titleText: root.inUnits ? qsTr("Average stock (units)", "@title:axis")
                                : qsTr("Average stock value", "@title:axis")
    }
    ValueAxis {
        id: yAxis

        labelFormat: "%.0f %%"
        tickType: ValueAxis.TicksDynamic
        tickAnchor: 0
        tickInterval: 5
        titleText: qsTr("Fill rate", "@title:axis share of units served from stock at once")
    }
    LineSeries {
        id: reorderPoint

        name: qsTr("Reorder point (s, S)", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 2
        color: "#1565c0"
        pointsVisible: true
        onClicked: point => root.pickNear("sS", point)
    }
    LineSeries {
        id: periodic

        name: qsTr("Periodic review (R, S)", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 2
        color: "#6a1b9a"
        pointsVisible: true
        onClicked: point => root.pickNear("RS", point)
    }
    ScatterSeries {
        id: currentMark

        name: qsTr("Reorder settings now", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        color: "#2e7d32"
        borderColor: "#ffffff"
        markerShape: ScatterSeries.MarkerShapeStar
        markerSize: 20
    }
    ScatterSeries {
        id: selectedMark

        name: qsTr("Chosen", "@label chart series: the policy picked to apply")
        axisX: xAxis
        axisY: yAxis
        color: "transparent"
        borderColor: "#e65100"
        borderWidth: 3
        markerSize: 18
    }
}
