// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtCharts

// Available to promise day by day as steps (committed stock and supply less committed demand), what would
// be left after the forecast demand with its 80 % band, and the arrivals. Every use of Qt Charts sits behind
// components like this one, so the move to Qt Graphs touches few files.
ChartView {
    id: root

    /** [{x: day start (msecs since the epoch), available, after, lo, hi}], one per day from today. */
    property var points: []
    /** [{x, qty, kind}]: purchase and transfer arrivals are marked. */
    property var events: []

    function rebuild(): void {
        for (const series of [available, after, upper, lower, arrivals])
            series.clear();
        if (root.points.length === 0)
            return;
        const day = 86400000;
        let lowest = 0;
        let highest = 0;
        for (let i = 0; i < root.points.length; ++i) {
            const point = root.points[i];
            const end = point.x + day;
            // Steps: a day's value holds from its start to the next day's.
            available.append(point.x, point.available);
            available.append(end, point.available);
            upper.append(point.x, point.hi);
            upper.append(end, point.hi);
            lower.append(point.x, point.lo);
            lower.append(end, point.lo);
            after.append(end, point.after);
            lowest = Math.min(lowest, point.available, point.lo);
            highest = Math.max(highest, point.available, point.hi);
        }
        for (const event of root.events) {
            if (event.kind !== "purchase_arrival" && event.kind !== "transfer_arrival")
                continue;
            for (const point of root.points) {
                if (point.x === event.x) {
                    arrivals.append(point.x, point.available);
                    break;
                }
            }
        }
        const first = root.points[0].x;
        const last = root.points[root.points.length - 1].x + day;
        xAxis.min = new Date(first);
        xAxis.max = new Date(last);
        // Ticks anchored at 0 at a round interval, so that a grid line marks where promises run out.
        const span = Math.max(5, highest - lowest);
        const rough = span / 6;
        const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        const step = [1, 2, 5, 10].map(f => f * magnitude).find(s => s >= rough);
        yAxis.tickInterval = Math.max(1, step);
        yAxis.min = lowest < 0 ? Math.floor((lowest - span * 0.05) / yAxis.tickInterval) * yAxis.tickInterval : 0;
        yAxis.max = Math.ceil((highest + span * 0.1) / yAxis.tickInterval) * yAxis.tickInterval;
    }

    antialiasing: true
    legend.alignment: Qt.AlignBottom
    margins.top: 4
    margins.bottom: 4
    margins.left: 4
    margins.right: 8
    onPointsChanged: root.rebuild()
    Component.onCompleted: root.rebuild()

    DateTimeAxis {
        id: xAxis

        format: "dd MMM"
        tickCount: 7
    }
    ValueAxis {
        id: yAxis

        labelFormat: "%d"
        tickType: ValueAxis.TicksDynamic
        tickAnchor: 0
        tickInterval: 10
        titleText: qsTr("Units", "@title:axis")
    }
    AreaSeries {
        name: qsTr("After forecast demand, 80 %", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        color: "#4dffa726"
        borderColor: "transparent"
        borderWidth: 0
        upperSeries: LineSeries {
            id: upper
        }
        lowerSeries: LineSeries {
            id: lower
        }
    }
    LineSeries {
        id: after

        name: qsTr("After forecast demand", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 2
        color: "#e65100"
        style: Qt.DashLine
    }
    LineSeries {
        id: available

        name: qsTr("Available to promise", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 2.5
        color: "#1565c0"
    }
    ScatterSeries {
        id: arrivals

        name: qsTr("Arrival", "@label chart series: purchase order or transfer arriving")
        axisX: xAxis
        axisY: yAxis
        color: "#2e7d32"
        borderColor: "#ffffff"
        markerSize: 11
    }
}
