// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtCharts

// Demand history per period with its stockouts shaded, the forecast with its 80 % and 95 % bands, and today.
// Every use of Qt Charts sits behind components like this one, so the move to Qt Graphs touches few files.
ChartView {
    id: root

    /** [{x: period start, end: next period start (msecs since the epoch), y: units, out: stockout}] */
    property var history: []
    /** [{x: period start, mean, lo80, hi80, lo95, hi95}] */
    property var forecast: []
    /** Start of today, msecs since the epoch. */
    property real today: 0
    /** day, week or month: how the dates are written. */
    property string frequency: "week"

    function rebuild(): void {
        for (const series of [demand, mean, upper95, lower95, upper80, lower80, outUpper, todayLine])
            series.clear();
        let highest = 0;
        let first = Number.MAX_VALUE;
        let last = 0;
        for (const period of root.history) {
            demand.append(period.x, period.y);
            highest = Math.max(highest, period.y);
            first = Math.min(first, period.x);
            last = Math.max(last, period.end);
        }
        for (const step of root.forecast) {
            mean.append(step.x, step.mean);
            upper95.append(step.x, step.hi95);
            lower95.append(step.x, step.lo95);
            upper80.append(step.x, step.hi80);
            lower80.append(step.x, step.lo80);
            highest = Math.max(highest, step.hi95);
            first = Math.min(first, step.x);
            last = Math.max(last, step.x);
        }
        if (first === Number.MAX_VALUE) {
            first = root.today - 86400000 * 28;
            last = root.today + 86400000 * 28;
        }
        // A round tick interval (1, 2 or 5 times a power of ten), the top a whole number of ticks.
        const rough = Math.max(1, highest * 1.1) / 5;
        const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        const step = Math.max(1, [1, 2, 5, 10].map(f => f * magnitude).find(s => s >= rough));
        const top = Math.max(step, Math.ceil(highest * 1.05 / step) * step);
        yAxis.tickInterval = step;
        yAxis.max = top;
        xAxis.min = new Date(first);
        xAxis.max = new Date(Math.max(last, root.today + 86400000));
        // Stockouts: a block from the axis up to the top over each period with nothing to sell.
        for (const period of root.history) {
            if (!period.out)
                continue;
            outUpper.append(period.x, 0);
            outUpper.append(period.x, top);
            outUpper.append(period.end, top);
            outUpper.append(period.end, 0);
        }
        todayLine.append(root.today, 0);
        todayLine.append(root.today, top);
    }

    antialiasing: true
    legend.alignment: Qt.AlignBottom
    margins.top: 4
    margins.bottom: 4
    margins.left: 4
    margins.right: 8
    onHistoryChanged: root.rebuild()
    onForecastChanged: root.rebuild()
    onTodayChanged: root.rebuild()
    Component.onCompleted: root.rebuild()

    DateTimeAxis {
        id: xAxis

        format: root.frequency === "day" ? "dd MMM" : "MMM yyyy"
        tickCount: 7
    }
    ValueAxis {
        id: yAxis

        min: 0
        labelFormat: "%d"
        tickType: ValueAxis.TicksDynamic
        tickAnchor: 0
        tickInterval: 10
        titleText: root.frequency === "day" ? qsTr("Units per day", "@title:axis")
                   : root.frequency === "month" ? qsTr("Units per month", "@title:axis")
                   : qsTr("Units per week", "@title:axis")
    }
    // Drawn in this order: shades under bands under lines.
    AreaSeries {
        name: qsTr("Stockout", "@label chart series: periods with nothing to sell")
        axisX: xAxis
        axisY: yAxis
        color: "#33d32f2f"
        borderColor: "transparent"
        borderWidth: 0
        upperSeries: LineSeries {
            id: outUpper
        }
    }
    AreaSeries {
        name: qsTr("95 % interval", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        color: "#40ffb74d"
        borderColor: "transparent"
        borderWidth: 0
        upperSeries: LineSeries {
            id: upper95
        }
        lowerSeries: LineSeries {
            id: lower95
        }
    }
    AreaSeries {
        name: qsTr("80 % interval", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        color: "#80ffa726"
        borderColor: "transparent"
        borderWidth: 0
        upperSeries: LineSeries {
            id: upper80
        }
        lowerSeries: LineSeries {
            id: lower80
        }
    }
    LineSeries {
        id: demand

        name: qsTr("Demand", "@label chart series: units ordered per period")
        axisX: xAxis
        axisY: yAxis
        width: 2
        color: "#1565c0"
    }
    LineSeries {
        id: mean

        name: qsTr("Forecast", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 2.5
        color: "#e65100"
    }
    LineSeries {
        id: todayLine

        name: qsTr("Today", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 1.5
        color: "#616161"
        style: Qt.DashLine
    }
}
