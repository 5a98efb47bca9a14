// SPDX-License-Identifier: GPL-3.0-or-later
pragma ComponentBehavior: Bound

import QtQuick
import QtCharts

// Every use of Qt Charts sits behind components like this one, so the move to Qt Graphs touches few files.
ChartView {
    id: root

    /** [{date: Date, orders: int, units: int}] */
    property var points: []

    function rebuild(): void {
        units.clear();
        orders.clear();
        let highest = 0;
        for (let i = 0; i < root.points.length; ++i) {
            const point = root.points[i];
            units.append(point.date.getTime(), point.units);
            orders.append(point.date.getTime(), point.orders);
            highest = Math.max(highest, point.units);
        }
        if (root.points.length > 0) {
            xAxis.min = root.points[0].date;
            xAxis.max = root.points[root.points.length - 1].date;
        }
        yAxis.max = Math.max(5, Math.ceil(highest * 1.1));
    }

    antialiasing: true
    legend.alignment: Qt.AlignBottom
    margins.top: 4
    margins.bottom: 4
    onPointsChanged: root.rebuild()
    Component.onCompleted: root.rebuild()

    DateTimeAxis {
        id: xAxis
        format: "dd MMM"
        tickCount: 7
    }
    ValueAxis {
        id: yAxis
        min: 0
        labelFormat: "%d"
    }
    LineSeries {
        id: units
        name: qsTr("Units ordered", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 2
        color: "#1565c0"
    }
    LineSeries {
        id: orders
        name: qsTr("Orders", "@label chart series")
        axisX: xAxis
        axisY: yAxis
        width: 2
        color: "#ef6c00"
    }
}
